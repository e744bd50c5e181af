"""The user-facing messages, as catalog msgids (English source text, `str.format` placeholders).

Code that shows one of these writes e.g.
    raise UserError(translate(messages.INVALID_CURSOR, language, cursor=cursor[:80]), "INVALID_CURSOR")
Placeholders are filled after translation, so they keep their names in every language. Pass numbers
and dates already formatted for the language (`format_number`, `format_date`) where they are shown.
"""

from __future__ import annotations

from content.i18n.markers import NN_, _

# --- GraphQL: IDs, cursors, pages (schema/core, schema/node.py) ---------------------------------
INVALID_ID = _("Invalid ID {id!r}: not a Marsad global ID.")
INVALID_ID_WRONG_TYPE = _("Invalid ID {id!r}: it names a {type}, not a {expected}.")
INVALID_ID_UNKNOWN_TYPE = _("Invalid ID {id!r}: there is no type {type!r}.")
INVALID_CURSOR = _("Invalid cursor {cursor!r}: use a cursor from this connection.")
PAGE_SIZE_NEGATIVE = _("`{name}` must not be negative.")
PAGE_TOO_LARGE = _("`{name}` is {value}: at most {max} items per page.")
FIRST_OR_LAST = _("Pass `first` or `last`, not both.")
TOO_MANY_IDS = _("At most {max} IDs per call.")
UNKNOWN_ENUM = _("Unknown enum {name!r}: use one of {names}.")

# --- GraphQL: search (schema/search) ------------------------------------------------------------
SEARCH_UNAVAILABLE = _("Search is not available on this server.")
SEARCH_FIRST_RANGE = _("`first` must be between 0 and {max}.")
SEARCH_QUERY_TOO_LONG = _("The query is too long: at most {max} characters.")
SEARCH_UNKNOWN_TYPE = _("Unknown type {type!r} in the search filter: use one of {types}.")
# TRANSLATORS: a notice beside search results: {words} are stop words left out of the query.
SEARCH_IGNORED = _("ignored: {words}")

# --- Search query language (search_index QueryError messages, shown as INVALID_QUERY) ------------
QUERY_TOO_DEEP = _("The query nests parentheses too deeply (at most {max} levels).")
QUERY_UNKNOWN_LANGUAGE = _("Unknown language “{value}”: use lang:ar, lang:fr or lang:en.")
QUERY_BAD_YEAR_HINT = _("“year:{value}” is not a year: write e.g. year:2020 or year:2018..2020.")
QUERY_BAD_YEAR = _("“year:{value}” is not a year.")
QUERY_NOT_TEXT = _("The query must be text.")
QUERY_TOO_LONG = _("The query is too long ({length} characters); the limit is {max}. "
                   "Search for a few distinctive words instead.")
QUERY_TOO_MANY_WORDS = _("The query has too many words (the limit is {max}). "
                         "Search for a few distinctive words instead.")
QUERY_TOO_COMPLEX = _("The query is too complex.")
QUERY_NOT_UNDERSTOOD = _("The query could not be understood.")
QUERY_PREFIX_TOO_BROAD = _("“{prefix}*” matches too many words; type a few more letters.")
QUERY_PAGING_NOT_NUMBERS = _("first and offset must be numbers.")
QUERY_PAGING_NEGATIVE = _("first and offset cannot be negative.")
QUERY_TOO_MANY_HITS = _("At most {max} hits can be asked for at once.")
QUERY_OFFSET_TOO_FAR = _("Results beyond the first {max} cannot be paged to.")

# --- HTTP (hub/graphql_app.py: strawberry's reasons, verbatim; hub/limits.py; hub/app.py) --------
HTTP_BAD_JSON = _("Unable to parse request body as JSON")
HTTP_NO_QUERY = _("No GraphQL query found in the request")
HTTP_UNSUPPORTED_CONTENT_TYPE = _("Unsupported content type")
HTTP_METHOD_NOT_ALLOWED = _("GraphQL only supports GET and POST requests.")
HTTP_NOT_FOUND_REASON = _("Not Found")
HTTP_BATCHING_DISABLED = _("Batching is not enabled")
HTTP_TOO_MANY_OPERATIONS = _("Too many operations")
HTTP_QUERY_NOT_STRING = _("The GraphQL operation's `query` must be a string or null, if provided.")
HTTP_VARIABLES_NOT_OBJECT = _("The GraphQL operation's `variables` must be an object or null, if provided.")
HTTP_EXTENSIONS_NOT_OBJECT = _("The GraphQL operation's `extensions` must be an object or null, if provided.")
HTTP_NO_OPERATION_TYPE = _("Can't get GraphQL operation type")
HTTP_UNKNOWN_OPERATION = _("Unknown operation named \"{name}\".")
HTTP_MUTATION_VIA_GET = _("mutations are not allowed when using GET")
HTTP_BODY_TOO_LARGE = _("Request body too large: the limit is {limit} bytes.")
HTTP_NOT_FOUND = _("Not found. The API is at /graphql.")
HTTP_SERVER_ERROR = _("Internal server error.")

# --- Editing (authentication, permissions, workflow, validation) ---------------------------------
AUTHENTICATION_REQUIRED = _("Authentication required")
UNKNOWN_TOKEN = _("Unknown or revoked API token.")
FORBIDDEN = _("You are not allowed to do this.")
VERSION_CONFLICT = _("This item was changed by someone else (version {current}); "
                     "reload it and apply your change again.")
# TRANSLATORS: {action} is a WorkflowAction verb (edit, publish...), {state} a WorkflowState label (Published...).
INVALID_TRANSITION = _("Cannot {action} an item that is {state}.")
FIELD_REQUIRED = _("This field is required.")
TOO_LONG = _("Too long: at most {max} characters.")
BIDI_CONTROLS = _("Bidirectional control characters are not allowed in titles.")
UNKNOWN_VALUE = _("Unknown value {value!r}.")
END_BEFORE_START = _("The end date is before the start date.")

# --- Command line (hub/cli.py, hub/commands) -----------------------------------------------------
CLI_HELP = _("Marsad: the human-rights knowledge hub.")
CLI_INIT_HELP = _("Create or migrate the database and load the reference data (safe to run again).")
CLI_SERVE_HELP = _("Serve the hub (GraphQL and GraphiQL at /graphql).")
CLI_DEMO_HELP = _("Initialise, load the example data, and serve.")
CLI_SCHEMA_HELP = _("Print the GraphQL schema (SDL).")
CLI_REINDEX_HELP = _("Rebuild the search index from the database (the source of truth).")
CLI_HOST_HELP = _("Interface to listen on.")
CLI_PORT_HELP = _("Port to listen on.")
CLI_WORKERS_HELP = _("Worker processes.")
CLI_DATABASE_READY = _("Database ready: {url}")
CLI_REFERENCE_CREATED = _("Reference data created: {summary}")
CLI_REFERENCE_UPDATED = _("Reference data updated: {summary}")
CLI_NOTHING = _("nothing")
# TRANSLATORS: one item of a summary: {kind} is a ContentType label, {count} a number.
CLI_COUNT_OF_KIND = _("{kind}: {count}")
CLI_SERVING = _("Marsad on {url}")
# TRANSLATORS: {items} is the "{count} items" phrase, already in the right plural form.
CLI_INDEXED = _("Indexed {items} in {seconds} s ({rate} items/s) with the {backend} backend.")

# --- Counts ------------------------------------------------------------------------------------
# translate_plural(*ITEMS, n=count, language=..., count=format_number(count, language))
ITEMS = NN_("{count} item", "{count} items")
