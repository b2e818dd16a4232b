"""Navigation shown in the header, decided by role (permissions are still checked in each view)."""

from django.urls import NoReverseMatch, reverse


def nav(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    wanted = []
    if user.role == "practitioner":
        wanted.append(("my_practice", "My practice"))
    if user.role == "supervisor":
        wanted.append(("team", "Team"))
    if user.role in ("practitioner", "supervisor", "learner"):
        wanted.append(("practice_room", "Practice room"))
    items = []
    for name, label in wanted:
        try:
            items.append({"url": reverse(name), "label": label})
        except NoReverseMatch:
            continue  # that page isn't part of this build
    return {"nav_items": items}
