from django.urls import path

from alliance.web.views import conversations

urlpatterns = [
    path("contacts/<str:contact_id>/conversation/", conversations.conversation_upload, name="conversation_upload"),
    path("conversations/<str:analysis_id>/status/", conversations.conversation_status, name="conversation_status"),
    path("conversations/<str:analysis_id>/speakers/", conversations.conversation_speakers, name="conversation_speakers"),
    path("conversations/<str:analysis_id>/exclude/", conversations.conversation_exclude, name="conversation_exclude"),
    path("conversations/<str:analysis_id>/delete/", conversations.conversation_delete, name="conversation_delete"),
    path("contacts/<str:contact_id>/consent-withdrawn/", conversations.consent_withdrawn, name="consent_withdrawn"),
]
