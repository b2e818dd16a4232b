from django.urls import path

from alliance.web.views import exports, paper

urlpatterns = [
    path("clients/<str:client_id>/export/checkins.csv", exports.client_checkins_csv, name="client_checkins_csv"),
    path("clients/<str:client_id>/export/checkins.fhir.json", exports.client_checkins_fhir, name="client_checkins_fhir"),
    path("clients/<str:client_id>/summary.pdf", paper.client_summary_pdf, name="client_summary_pdf"),
    path("conversations/<str:analysis_id>/codes.csv", exports.analysis_codes_csv, name="analysis_codes_csv"),
    path("conversations/<str:analysis_id>/analysis.pdf", paper.analysis_pdf, name="analysis_pdf"),
]
