from django.urls import path

from alliance.web.views import practice, team

urlpatterns = [
    path("practice/", practice.my_practice, name="my_practice"),
    path("team/", team.team, name="team"),
    path("team/practitioners/<str:practitioner_id>/", team.practitioner, name="team_practitioner"),
]
