from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from alliance.web import practice_room_invite as invite
from alliance.web import practice_room_views as practice_room
from alliance.web.forms import ThrottledAuthenticationForm
from alliance.web.views import (
    caseload,
    checkins,
    client_data,
    clients,
    contacts,
    conversations,
    exports,
    goals,
    health,
    importing,
    notifications,
    paper,
    practice,
    reflections,
    team,
)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", caseload.caseload, name="caseload"),
    path("clients/new/", clients.client_create, name="client_create"),
    path("clients/import/", importing.import_clients_page, name="import_clients"),
    path("clients/<uuid:client_id>/", clients.client_detail, name="client_detail"),
    path("clients/<uuid:client_id>/edit/", clients.client_edit, name="client_edit"),
    path("clients/<uuid:client_id>/profile/", clients.profile_edit, name="profile_edit"),
    path("clients/<uuid:client_id>/access/", clients.access_history, name="access_history"),
    path("clients/<uuid:client_id>/contacts/new/", contacts.contact_create, name="contact_create"),
    path("clients/<uuid:client_id>/goals/new/", goals.goal_create, name="goal_create"),
    path("contacts/<uuid:contact_id>/", contacts.contact_detail, name="contact_detail"),
    path("contacts/<uuid:contact_id>/edit/", contacts.contact_edit, name="contact_edit"),
    path("contacts/<uuid:contact_id>/reflection/", reflections.reflection_edit, name="reflection_edit"),
    path("goals/<uuid:goal_id>/edit/", goals.goal_edit, name="goal_edit"),
    path("goals/<uuid:goal_id>/rate/", goals.goal_rate, name="goal_rate"),
    path("admin/", admin.site.urls),
    # Check-ins, alerts and the client's check-in page
    path("clients/<uuid:client_id>/checkin-links/new/", checkins.link_create, name="checkin_link_create"),
    path("alerts/<uuid:alert_id>/followed-up/", checkins.alert_followed_up, name="alert_followed_up"),
    path("alerts/<uuid:alert_id>/follow-up/", checkins.alert_follow_up, name="alert_follow_up"),
    path("alerts/<uuid:alert_id>/acknowledge/", checkins.alert_acknowledge, name="alert_acknowledge"),
    path("clients/<uuid:client_id>/checkin-schedule/", checkins.schedule_edit, name="checkin_schedule"),
    path("account/email/", notifications.email_preferences, name="email_preferences"),
    path("checkin/<str:token>/", checkins.checkin_page, name="checkin"),
    path("checkin/<str:token>/progress/", checkins.checkin_progress, name="checkin_progress"),
    # Conversations (transcript analysis)
    path("contacts/<uuid:contact_id>/conversation/", conversations.conversation_upload, name="conversation_upload"),
    path("conversations/<uuid:analysis_id>/status/", conversations.conversation_status, name="conversation_status"),
    path("conversations/<uuid:analysis_id>/speakers/", conversations.conversation_speakers, name="conversation_speakers"),
    path("conversations/<uuid:analysis_id>/exclude/", conversations.conversation_exclude, name="conversation_exclude"),
    path("conversations/<uuid:analysis_id>/delete/", conversations.conversation_delete, name="conversation_delete"),
    path("contacts/<uuid:contact_id>/consent-withdrawn/", conversations.consent_withdrawn, name="consent_withdrawn"),
    # The practitioner's own practice and the team
    path("practice/", practice.my_practice, name="my_practice"),
    path("team/", team.team, name="team"),
    path("team/practitioners/<uuid:practitioner_id>/", team.practitioner, name="team_practitioner"),
    # The practice room
    path("practice-room/", practice_room.home, name="practice_room"),
    path("practice-room/drills/next/", practice_room.drill_next, name="practice_room_drill_next"),
    path("practice-room/drills/<str:drill_id>/", practice_room.drill, name="practice_room_drill"),
    path("practice-room/questions/next/", practice_room.scenario_next, name="practice_room_scenario_next"),
    path("practice-room/questions/<str:scenario_id>/", practice_room.scenario, name="practice_room_scenario"),
    path("practice-room/assignments/<uuid:assignment_id>/next/", practice_room.assignment_next, name="practice_room_assignment_next"),
    path("practice-room/responses/<uuid:attempt_id>/share/", practice_room.share, name="practice_room_share"),
    path("practice-room/team/", practice_room.team, name="practice_room_team"),
    path("practice-room/team/invite/", invite.invite, name="practice_room_invite"),
    path("practice-room/welcome/<str:uidb64>/<str:token>/", invite.welcome, name="practice_room_welcome"),
    # Exports and printable summaries
    path("clients/<uuid:client_id>/export/checkins.csv", exports.client_checkins_csv, name="client_checkins_csv"),
    path("clients/<uuid:client_id>/export/checkins.fhir.json", exports.client_checkins_fhir, name="client_checkins_fhir"),
    path("clients/<uuid:client_id>/summary.pdf", paper.client_summary_pdf, name="client_summary_pdf"),
    path("conversations/<uuid:analysis_id>/codes.csv", exports.analysis_codes_csv, name="analysis_codes_csv"),
    path("conversations/<uuid:analysis_id>/analysis.pdf", paper.analysis_pdf, name="analysis_pdf"),
    # The client's own data
    path("clients/<uuid:client_id>/export/", client_data.client_export, name="client_export"),
]

handler400 = "alliance.web.views.errors.bad_request"

admin.site.site_header = "Alliance administration"
admin.site.site_title = "Alliance"
