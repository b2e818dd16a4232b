from django.urls import path

from alliance.web.views import conversations

urlpatterns = [
    path("contacts/<str:contact_id>/conversation/", conversations.conversation_upload, name="conversation_upload"),
    path("conversations/<str:analysis_id>/status/", conversations.conversation_status, name="conversation_status"),
]
