"""All Alliance models, split by feature. Import from here."""

from alliance.records.models.agency import AgencySettings  # noqa: F401
from alliance.records.models.audit import AuditEntry, LoginFailure  # noqa: F401
from alliance.records.models.checkins import (  # noqa: F401
    Alert,
    AlertNote,
    CheckinAnswer,
    CheckinLink,
    CheckinResponse,
    CheckinSchedule,
)
from alliance.records.models.clients import Client, CulturalProfile  # noqa: F401
from alliance.records.models.contacts import Contact, Reflection  # noqa: F401
from alliance.records.models.conversations import ConversationAnalysis  # noqa: F401
from alliance.records.models.goals import Goal, GoalRating  # noqa: F401
from alliance.records.models.jobs import Job  # noqa: F401
from alliance.records.models.notifications import Notification, NotificationPreference  # noqa: F401
from alliance.records.models.people import Role, Team, User  # noqa: F401
from alliance.records.models.practice import PracticeAssignment, PracticeAttempt  # noqa: F401
