"""Source (English) labels of enum values, content types and workflow actions.

Each label is a catalog entry whose message context is the enum's class name (for content types:
"ContentType"; for workflow actions: "WorkflowAction") and whose msgid is the English label below, e.g.
msgctxt "MechanismKind" / msgid "Treaty body". Keyed by names (class name, member name) so that this
module imports nothing, and GraphQL enums with the same names get the same labels.
"""

from __future__ import annotations

from content.i18n.markers import NC_

ENUM_LABELS: dict[str, dict[str, str]] = {
    "Language": {
        "AR": NC_("Language", "Arabic"),
        "FR": NC_("Language", "French"),
        "EN": NC_("Language", "English"),
    },
    "WorkflowState": {
        "PRIVATE": NC_("WorkflowState", "Private"),
        "PENDING": NC_("WorkflowState", "Pending review"),
        "PUBLISHED": NC_("WorkflowState", "Published"),
        "ARCHIVED": NC_("WorkflowState", "Archived"),
    },
    "MechanismKind": {
        "HUMAN_RIGHTS_COUNCIL": NC_("MechanismKind", "Human Rights Council"),
        "UPR": NC_("MechanismKind", "Universal Periodic Review"),
        "SPECIAL_PROCEDURE": NC_("MechanismKind", "Special procedure"),
        "TREATY_BODY": NC_("MechanismKind", "Treaty body"),
        "OHCHR": NC_("MechanismKind", "Office of the High Commissioner for Human Rights"),
        "UN_AGENCY": NC_("MechanismKind", "United Nations agency"),
        "OTHER": NC_("MechanismKind", "Other"),
    },
    "InstitutionKind": {
        "MINISTRY": NC_("InstitutionKind", "Ministry"),
        "NHRI": NC_("InstitutionKind", "National human rights institution"),
        "PARLIAMENT_CHAMBER": NC_("InstitutionKind", "Chamber of Parliament"),
        "PARLIAMENT_COMMITTEE": NC_("InstitutionKind", "Parliamentary committee"),
        "NGO": NC_("InstitutionKind", "Non-governmental organization"),
        "UN_AGENCY": NC_("InstitutionKind", "United Nations agency"),
        "INTERNATIONAL_ORGANISATION": NC_("InstitutionKind", "International organization"),
        "ACADEMIC": NC_("InstitutionKind", "Academic institution"),
        "OTHER": NC_("InstitutionKind", "Other"),
    },
    "DocumentKind": {
        "NATIONAL_REPORT": NC_("DocumentKind", "National report"),
        "COMMON_CORE_DOCUMENT": NC_("DocumentKind", "Common core document"),
        "REPLY_TO_LIST_OF_ISSUES": NC_("DocumentKind", "Replies to the list of issues"),
        "FOLLOW_UP_REPORT": NC_("DocumentKind", "Follow-up report"),
        "MIDTERM_REPORT": NC_("DocumentKind", "Mid-term report"),
        "CONCLUDING_OBSERVATIONS": NC_("DocumentKind", "Concluding observations"),
        "COMMUNICATION_REPLY": NC_("DocumentKind", "Reply to a communication"),
        "NGO_REPORT_REPLY": NC_("DocumentKind", "Reply to an NGO report"),
        "STATEMENT": NC_("DocumentKind", "Statement"),
        "OTHER": NC_("DocumentKind", "Other"),
    },
    "DocumentStatus": {
        "DRAFTING": NC_("DocumentStatus", "Being drafted"),
        "SUBMITTED": NC_("DocumentStatus", "Submitted"),
        "REVIEWED": NC_("DocumentStatus", "Reviewed"),
    },
    "RecommendationPosition": {
        "SUPPORTED": NC_("RecommendationPosition", "Supported"),
        "NOTED": NC_("RecommendationPosition", "Noted"),
    },
    "ImplementationStatus": {
        "NOT_STARTED": NC_("ImplementationStatus", "Not started"),
        "IN_PROGRESS": NC_("ImplementationStatus", "In progress"),
        "PARTIALLY_IMPLEMENTED": NC_("ImplementationStatus", "Partially implemented"),
        "IMPLEMENTED": NC_("ImplementationStatus", "Implemented"),
        "CONTINUOUS": NC_("ImplementationStatus", "Ongoing"),
    },
    "CommunicationStatus": {
        "RECEIVED": NC_("CommunicationStatus", "Received"),
        "UNDER_REVIEW": NC_("CommunicationStatus", "Under review"),
        "REPLIED": NC_("CommunicationStatus", "Replied"),
        "CLOSED": NC_("CommunicationStatus", "Closed"),
    },
    "InformationRequestKind": {
        "QUESTIONNAIRE": NC_("InformationRequestKind", "Questionnaire"),
        "CALL_FOR_INPUT": NC_("InformationRequestKind", "Call for input"),
        "REQUEST_FOR_INFORMATION": NC_("InformationRequestKind", "Request for information"),
    },
    "NgoInteractionKind": {
        "REPORT": NC_("NgoInteractionKind", "Report"),
        "ALLEGATION": NC_("NgoInteractionKind", "Allegation"),
        "INFORMATION_REQUEST": NC_("NgoInteractionKind", "Request for information"),
    },
    "EventKind": {
        "SIDE_EVENT": NC_("EventKind", "Side event"),
        "SEMINAR": NC_("EventKind", "Seminar"),
        "MEETING": NC_("EventKind", "Meeting"),
        "OTHER": NC_("EventKind", "Other"),
    },
    "AchievementItemKind": {
        "BULLET": NC_("AchievementItemKind", "List item"),
        "PARAGRAPH": NC_("AchievementItemKind", "Paragraph"),
    },
    # GraphQL-only enum (schema.core.enums.OrderDirection).
    "OrderDirection": {
        "ASC": NC_("OrderDirection", "Ascending"),
        "DESC": NC_("OrderDirection", "Descending"),
    },
}

# The GraphQL type names of content (content.models.CONTENT_TYPES), e.g. for search facets of `type`.
CONTENT_TYPE_LABELS: dict[str, str] = {
    "Mechanism": NC_("ContentType", "Mechanism"),
    "Session": NC_("ContentType", "Session"),
    "Document": NC_("ContentType", "Document"),
    "Recommendation": NC_("ContentType", "Recommendation"),
    "Institution": NC_("ContentType", "Institution"),
    "Theme": NC_("ContentType", "Theme"),
    "Communication": NC_("ContentType", "Communication"),
    "InformationRequest": NC_("ContentType", "Request for information"),
    "NgoInteraction": NC_("ContentType", "Interaction with an NGO"),
    "ParliamentaryPresentation": NC_("ContentType", "Presentation to Parliament"),
    "Event": NC_("ContentType", "Event"),
    "ProgramMeasure": NC_("ContentType", "Government programme measure"),
    "AchievementItem": NC_("ContentType", "Achievement"),
}

# The {action} of messages.INVALID_TRANSITION ("Cannot {action} an item that is {state}."): a verb in
# English; each language picks the form its sentence needs (French and Arabic use nouns).
WORKFLOW_ACTIONS: dict[str, str] = {
    # TRANSLATORS: workflow actions fill {action} in "Cannot {action} an item that is {state}."
    "edit": NC_("WorkflowAction", "edit"),
    "submit": NC_("WorkflowAction", "submit"),
    "publish": NC_("WorkflowAction", "publish"),
    "unpublish": NC_("WorkflowAction", "unpublish"),
    "reject": NC_("WorkflowAction", "send back"),
    "archive": NC_("WorkflowAction", "archive"),
    "restore": NC_("WorkflowAction", "restore"),
    "delete": NC_("WorkflowAction", "delete"),
}
