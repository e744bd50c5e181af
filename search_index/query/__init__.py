"""The Marsad query language: parser, analysed AST and alias expansion.

>>> from search_index.query import parse_query
>>> q = parse_query('"لجنة مناهضة التعذيب" OR CAT -year:2019')
"""

from search_index.query import ast
from search_index.query.ast import Query
from search_index.query.errors import QueryError
from search_index.query.parser import MAX_QUERY_CHARS, MAX_QUERY_WORDS, parse_query
from search_index.query.aliases import AliasExpander

__all__ = [
    "ast",
    "Query",
    "QueryError",
    "parse_query",
    "AliasExpander",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_WORDS",
]
