"""Enumerations of the content model; values are the stored strings."""

from __future__ import annotations

from enum import Enum


class Language(str, Enum):
    AR = "ar"
    FR = "fr"
    EN = "en"


class WorkflowState(str, Enum):
    PRIVATE = "private"
    PENDING = "pending"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class MechanismKind(str, Enum):
    HUMAN_RIGHTS_COUNCIL = "human_rights_council"
    UPR = "upr"
    SPECIAL_PROCEDURE = "special_procedure"
    TREATY_BODY = "treaty_body"
    OHCHR = "ohchr"
    UN_AGENCY = "un_agency"
    OTHER = "other"


class InstitutionKind(str, Enum):
    MINISTRY = "ministry"
    NHRI = "nhri"
    PARLIAMENT_CHAMBER = "parliament_chamber"
    PARLIAMENT_COMMITTEE = "parliament_committee"
    NGO = "ngo"
    UN_AGENCY = "un_agency"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    ACADEMIC = "academic"
    OTHER = "other"


class DocumentKind(str, Enum):
    NATIONAL_REPORT = "national_report"
    COMMON_CORE_DOCUMENT = "common_core_document"
    REPLY_TO_LIST_OF_ISSUES = "reply_to_list_of_issues"
    FOLLOW_UP_REPORT = "follow_up_report"
    MIDTERM_REPORT = "midterm_report"
    CONCLUDING_OBSERVATIONS = "concluding_observations"
    COMMUNICATION_REPLY = "communication_reply"
    NGO_REPORT_REPLY = "ngo_report_reply"
    STATEMENT = "statement"
    OTHER = "other"


class DocumentStatus(str, Enum):
    DRAFTING = "drafting"
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"


class RecommendationPosition(str, Enum):
    SUPPORTED = "supported"
    NOTED = "noted"


class ImplementationStatus(str, Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    PARTIALLY_IMPLEMENTED = "partially_implemented"
    IMPLEMENTED = "implemented"
    CONTINUOUS = "continuous"


class CommunicationStatus(str, Enum):
    RECEIVED = "received"
    UNDER_REVIEW = "under_review"
    REPLIED = "replied"
    CLOSED = "closed"


class InformationRequestKind(str, Enum):
    QUESTIONNAIRE = "questionnaire"
    CALL_FOR_INPUT = "call_for_input"
    REQUEST_FOR_INFORMATION = "request_for_information"


class NgoInteractionKind(str, Enum):
    REPORT = "report"
    ALLEGATION = "allegation"
    INFORMATION_REQUEST = "information_request"


class EventKind(str, Enum):
    SIDE_EVENT = "side_event"
    SEMINAR = "seminar"
    MEETING = "meeting"
    OTHER = "other"


class AchievementItemKind(str, Enum):
    BULLET = "bullet"
    PARAGRAPH = "paragraph"
