"""Page routes of the Company Admin (CONTRACT.md "Pages": ``/company``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("company", views.company_home, name="company-home"),
    path("company/assign", views.assign, name="company-assign"),
    path("company/employees", views.create_employee, name="company-create-employee"),
    path("company/employees/<str:username>", views.employee_page, name="company-employee"),
    path("company/employees/<str:username>/active", views.set_active, name="company-employee-active"),
    path("company/certificates.zip", views.certificates_zip, name="company-certificates-zip"),
    path("company/certificates.zip/job", views.start_zip_job, name="company-zip-job"),
    path("company/zips/<int:job_id>", views.zip_file, name="company-zip-file"),
    path("company/regenerate", views.regenerate, name="company-regenerate"),
]
