"""The user-facing messages, as catalog msgids (English source text, `str.format` placeholders).

Code that shows one of these writes e.g.
    raise UserError(translate(messages.INVALID_CURSOR, language, cursor=cursor[:80]), "INVALID_CURSOR")
Placeholders are filled after translation, so they keep their names in every language. Pass numbers
and dates already formatted for the language (`format_number`, `format_date`) where they are shown.
"""

from __future__ import annotations

from content.i18n.markers import NC_, NN_, _

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
# TRANSLATORS: {shape} is a short technical description such as {"ar": ["…"], "fr": [...], "en": [...]}.
INVALID_SHAPE = _("Expected {shape}.")
END_BEFORE_START = _("The end date is before the start date.")
EXPIRY_NOT_AFTER_EFFECTIVE = _("The expiry date is not after the effective date.")
NOT_FOUND_OR_FORBIDDEN = _("No such item, or you are not allowed to change it.")
TOKEN_REQUIRED = _("Authentication required: send an API token.")
# TRANSLATORS: {type} is a ContentType label (Document, Mechanism...).
NOT_ALLOWED_TO_CREATE = _("You are not allowed to create a {type}.")
NOT_ALLOWED_TO_CHANGE = _("You are not allowed to change this item.")
NOT_ALLOWED_TO_DELETE = _("You are not allowed to delete this item.")
# TRANSLATORS: {action} is a WorkflowAction verb (publish, send back...), as in "Cannot {action} an item...".
NOT_ALLOWED_TO_TRANSITION = _("You are not allowed to {action} this item.")
CONFIDENTIAL_NOT_ALLOWED = _("Only case officers and administrators may mark an item confidential.")
TEXT_LONE_SURROGATES = _("Text contains invalid characters (lone surrogates).")
TEXT_CONTROL_CHARACTERS = _("Text contains control characters.")
UNUSABLE_TEXT = _("`{field}` contains a character text cannot hold (U+0000 or a lone surrogate).")
INVALID_UUID = _("Invalid ID {id!r}.")
# TRANSLATORS: {type} is a ContentType label.
NO_ITEM_WITH_ID = _("No {type} with this ID.")
# TRANSLATORS: {type} is a ContentType label; {names} the fields, as the API names them (e.g. "mechanism
# and number", joined the way the language lists things).
DUPLICATE_VALUE = _("Another {type} has this {names} already.")
# TRANSLATORS: {lang} is a Language label (Arabic, French, English).
DUPLICATE_TRANSLATION = _("This item's translation group has a version in {lang!r} already.")
CHANGE_CONFLICT = _("This change conflicts with another item (a duplicate, or a reference that is gone); "
                    "reload and try again.")
# TRANSLATORS: {type} is a ContentType label.
IN_USE = _("Other items depend on this {type}: delete them or link them elsewhere first.")
# TRANSLATORS: {type} is a ContentType label, {types} a list of ContentType labels.
IN_USE_BY = _("Other items depend on this {type} ({types}): delete them or link them elsewhere first.")
# TRANSLATORS: {action} and {actions} are the API's action names (submit, publish...), left as they are.
UNKNOWN_ACTION = _("Unknown action {action!r}: use one of {actions}.")
NO_REVISION = _("This item has no revision {revision}.")
# TRANSLATORS: {type} is a ContentType label, {reference} a field as the API names it (mechanism...).
REVISION_TARGET_GONE = _("Revision {revision} refers to a {type} that no longer exists: "
                         "set {reference} to another one first.")
# TRANSLATORS: {type} and {expected} are ContentType labels; {relation}, {relations} the API's relation names.
NO_SUCH_RELATION = _("{type} has no relation {relation!r} (it has: {relations}).")
NO_RELATIONS = _("{type} has no relation {relation!r} (it has: none).")
WRONG_TARGET_TYPE = _("{relation} links to a {expected}, not a {type}.")
# The workflow action missing from content.i18n.labels.WORKFLOW_ACTIONS (for {action} above).
WORKFLOW_ACTION_LABELS = {"retract": NC_("WorkflowAction", "retract")}

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
CLI_NO_SERVE_HELP = _("Load the data and stop.")
# TRANSLATORS: `marsad demo`, one line per example sheet; {result} is an ImportResult (created, updated...).
CLI_DEMO_SHEET = _("Sheet {name}: measure {number} {result}")
CLI_DEMO_SHEET_FAILED = _("Sheet not imported: {error}")

# marsad token
CLI_TOKEN_HELP = _("API tokens (sent as `Authorization: Bearer <token>`).")
CLI_TOKEN_CREATE_HELP = _("Create a token; it is printed once, alone on the last line.")
CLI_TOKEN_ROLE_HELP = _("anonymous, partner, editor, reviewer, case_officer or admin.")
CLI_TOKEN_NAME_HELP = _("A unique name (who or what uses the token).")
CLI_TOKEN_CREATED = _("Token {name} ({role}) created. It is shown only now; keep it safe:")
CLI_TOKEN_LIST_HELP = _("List tokens (never their values).")
CLI_TOKEN_REVOKE_HELP = _("Revoke a token: requests with it get 401 from now on.")
CLI_TOKEN_NAME_ARGUMENT_HELP = _("The token's name.")
CLI_TOKEN_NOT_LIVE = _("No live token named {name}.")
CLI_TOKEN_REVOKED = _("Token {name} revoked.")

# marsad import panddh | dump, export, attach, generate
CLI_IMPORT_HELP = _("Import status sheets or a backup dump.")
CLI_IMPORT_PANDDH_HELP = _("Import PANDDH status sheets: one measure per file, each file in its own transaction.")
CLI_SHEETS_HELP = _("Status sheets (UTF-8 text files).")
CLI_STATE_HELP = _("Workflow state of the imported measures and items.")
CLI_ACTOR_HELP = _("Recorded as the author of the changes.")
CLI_IMPORTING_SHEETS = _("Importing sheets")
CLI_PANDDH_IMPORT = _("PANDDH import")
CLI_ROWS_WRITTEN = _("Rows written")
CLI_IMPORT_SUMMARY = NN_(
    "{count} file: {created} created, {updated} updated, {unchanged} unchanged, {failed} failed; {links} links made",
    "{count} files: {created} created, {updated} updated, {unchanged} unchanged, {failed} failed; {links} links made",
)
# TRANSLATORS: the mark before an import failure, in red.
CLI_FAILED = _("FAILED")
CLI_IMPORT_DUMP_HELP = _("Restore a backup into an empty database (the schema is created if need be).")
CLI_DUMP_FILE_HELP = _("A .jsonl file written by `marsad export`.")
CLI_MERGE_HELP = _("Add to a database that already holds content.")
CLI_RESTORING = _("Restoring")
CLI_RESTORING_TABLE = _("Restoring {table}")
CLI_RESTORED_TITLE = _("Restored {file}")
CLI_RESTORED = _("{rows} rows, {items} content items in {seconds} s ({rate} items/s); "
                 "the items are queued for indexing")
CLI_EXPORT_HELP = _("Back the whole database up as JSON Lines (deterministic: same data, same bytes).")
CLI_EXPORT_FILE_HELP = _("Where to write the dump (.jsonl).")
CLI_EXPORTED = _("Wrote {file}: {rows} rows from {tables} tables in {seconds} s")
CLI_ATTACH_HELP = _("Attach a file to a content item: stored by checksum, its text extracted for search.")
CLI_ITEM_ID_HELP = _("A GraphQL global ID or a UUID.")
CLI_ATTACH_FILE_HELP = _("A PDF, DOCX or TXT file.")
CLI_ATTACH_ACTOR_HELP = _("Recorded as who attached the file.")
# TRANSLATORS: {type} is a ContentType label, {media_type} e.g. application/pdf, {size} a number of bytes.
CLI_ATTACHED = _("Attached {name} to {type} {id}: {media_type}, {size} bytes, sha256 {checksum}, "
                 "{characters} characters of text")
CLI_NO_TEXT = _("No text could be extracted (a scanned document?): it will not be found by searching its words.")
CLI_GENERATE_HELP = _("Add a synthetic archive (Arabic measures, items, recommendations, documents...) "
                      "for benchmarks.")
CLI_ITEMS_HELP = _("How many content items to add.")
CLI_SEED_HELP = _("Random seed: the same seed gives the same archive.")
CLI_GENERATING = _("Generating")
CLI_GENERATED_TITLE = _("Generated (seed {seed})")
CLI_GENERATED = _("{items} content items, {rows} rows in {seconds} s ({rate} items/s)")

# Column headings of the command line's tables, and the result of importing one sheet: each with its
# message context (translate_context(context, text, language)), keyed by the English text.
TOKEN_COLUMNS = {
    "name": NC_("TokenColumn", "name"),
    "role": NC_("TokenColumn", "role"),
    "prefix": NC_("TokenColumn", "prefix"),
    "created": NC_("TokenColumn", "created"),
    "last used": NC_("TokenColumn", "last used"),
    "revoked": NC_("TokenColumn", "revoked"),
}
IMPORT_COLUMNS = {
    "file": NC_("ImportColumn", "file"),
    "measure": NC_("ImportColumn", "measure"),
    "result": NC_("ImportColumn", "result"),
    "items +/~/-": NC_("ImportColumn", "items +/~/-"),
    "records +/~/-": NC_("ImportColumn", "records +/~/-"),
    "links": NC_("ImportColumn", "links"),
}
ROWS_COLUMNS = {
    "rows": NC_("RowsColumn", "rows"),
    "created": NC_("RowsColumn", "created"),
    "updated": NC_("RowsColumn", "updated"),
    "deleted": NC_("RowsColumn", "deleted"),
}
RESTORE_COLUMNS = {
    "table": NC_("RestoreColumn", "table"),
    "restored": NC_("RestoreColumn", "restored"),
    "skipped": NC_("RestoreColumn", "skipped"),
}
GENERATE_COLUMNS = {
    "type": NC_("GenerateColumn", "type"),
    "items": NC_("GenerateColumn", "items"),
}
# TRANSLATORS: what importing a status sheet did to its measure.
IMPORT_RESULTS = {
    "created": NC_("ImportResult", "created"),
    "updated": NC_("ImportResult", "updated"),
    "unchanged": NC_("ImportResult", "unchanged"),
    "failed": NC_("ImportResult", "failed"),
}

# --- Counts ------------------------------------------------------------------------------------
# translate_plural(*ITEMS, n=count, language=..., count=format_number(count, language))
ITEMS = NN_("{count} item", "{count} items")
