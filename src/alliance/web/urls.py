import importlib

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from alliance.web.forms import ThrottledAuthenticationForm
from alliance.web.views import (
    caseload,
    clients,
    contacts,
    goals,
    health,
    importing,
    reflections,
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
    path("clients/<str:client_id>/", clients.client_detail, name="client_detail"),
    path("clients/<str:client_id>/edit/", clients.client_edit, name="client_edit"),
    path("clients/<str:client_id>/profile/", clients.profile_edit, name="profile_edit"),
    path("clients/<str:client_id>/access/", clients.access_history, name="access_history"),
    path("clients/<str:client_id>/contacts/new/", contacts.contact_create, name="contact_create"),
    path("clients/<str:client_id>/goals/new/", goals.goal_create, name="goal_create"),
    path("contacts/<str:contact_id>/", contacts.contact_detail, name="contact_detail"),
    path("contacts/<str:contact_id>/edit/", contacts.contact_edit, name="contact_edit"),
    path("contacts/<str:contact_id>/reflection/", reflections.reflection_edit, name="reflection_edit"),
    path("goals/<str:goal_id>/edit/", goals.goal_edit, name="goal_edit"),
    path("goals/<str:goal_id>/rate/", goals.goal_rate, name="goal_rate"),
    path("admin/", admin.site.urls),
]

# Feature URL modules (each defines ``urlpatterns``); one not built yet is skipped.
FEATURE_URLS = (
    "alliance.web.urls_checkins",
    "alliance.web.urls_conversations",
    "alliance.web.urls_practice",
    "alliance.web.urls_practice_room",
    "alliance.web.urls_exports",
    "alliance.web.urls_privacy",
)
for _name in FEATURE_URLS:
    try:
        urlpatterns += importlib.import_module(_name).urlpatterns
    except ModuleNotFoundError as exc:
        if exc.name != _name:
            raise

handler400 = "alliance.web.views.errors.bad_request"

admin.site.site_header = "Alliance administration"
admin.site.site_title = "Alliance"
