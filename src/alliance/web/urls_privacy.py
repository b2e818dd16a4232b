from django.urls import path

from alliance.web.views import client_data

urlpatterns = [
    path("clients/<str:client_id>/export/", client_data.client_export, name="client_export"),
]
