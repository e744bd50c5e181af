"""Errors shown to callers as they are (everything else is masked), in the caller's language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from content.i18n import negotiate_language, translate


class UserError(GraphQLError):
    """A caller's mistake, explained: bad ID, bad cursor, page too large, bad filter.

    `message` is a catalog msgid (content.i18n.messages) and `params` fill it; the English text
    is the default, and TranslateErrors turns it into the caller's language at the end.
    """

    def __init__(self, message: str, code: str = "BAD_USER_INPUT", **params: Any) -> None:
        super().__init__(message.format(**params) if params else message, extensions={"code": code})
        self.msgid = message
        self.params = params


def should_mask(error: GraphQLError) -> bool:
    """Mask unexpected exceptions; keep our own and graphql-core's (validation) messages."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


def context_language(context: Any) -> str:
    """The language errors are written in: the request's Accept-Language (browsers, GraphiQL send
    one); English for clients that send none (scripts, whose authors read the messages)."""
    request = getattr(context, "request", None)
    headers = getattr(request, "headers", None)
    header = headers.get("accept-language") if headers is not None else None
    return negotiate_language(header) if header else "en"


class TranslateErrors(SchemaExtension):
    """Rewrite our errors' messages in the language the request asked for."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if not errors:
            return
        language = context_language(self.execution_context.context)
        for error in errors:
            source = error.original_error if isinstance(error.original_error, UserError) else error
            if isinstance(source, UserError):
                error.message = translate(source.msgid, language, **source.params)
