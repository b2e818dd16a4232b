from django.urls import path

from alliance.web.views import checkins, notifications

urlpatterns = [
    path("clients/<str:client_id>/checkin-links/new/", checkins.link_create, name="checkin_link_create"),
    path("alerts/<str:alert_id>/followed-up/", checkins.alert_followed_up, name="alert_followed_up"),
    path("alerts/<str:alert_id>/follow-up/", checkins.alert_follow_up, name="alert_follow_up"),
    path("alerts/<str:alert_id>/acknowledge/", checkins.alert_acknowledge, name="alert_acknowledge"),
    path("clients/<str:client_id>/checkin-schedule/", checkins.schedule_edit, name="checkin_schedule"),
    path("account/email/", notifications.email_preferences, name="email_preferences"),
    path("checkin/<str:token>/", checkins.checkin_page, name="checkin"),
    path("checkin/<str:token>/progress/", checkins.checkin_progress, name="checkin_progress"),
]
