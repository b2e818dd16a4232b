from django.urls import path

from alliance.web import practice_room_invite as invite
from alliance.web import practice_room_views as v

urlpatterns = [
    path("practice-room/", v.home, name="practice_room"),
    path("practice-room/drills/next/", v.drill_next, name="practice_room_drill_next"),
    path("practice-room/drills/<str:drill_id>/", v.drill, name="practice_room_drill"),
    path("practice-room/questions/next/", v.scenario_next, name="practice_room_scenario_next"),
    path("practice-room/questions/<str:scenario_id>/", v.scenario, name="practice_room_scenario"),
    path("practice-room/assignments/<str:assignment_id>/next/", v.assignment_next, name="practice_room_assignment_next"),
    path("practice-room/responses/<str:attempt_id>/share/", v.share, name="practice_room_share"),
    path("practice-room/team/", v.team, name="practice_room_team"),
    path("practice-room/team/invite/", invite.invite, name="practice_room_invite"),
    path("practice-room/welcome/<str:uidb64>/<str:token>/", invite.welcome, name="practice_room_welcome"),
]
