from django.urls import path

from . import views

urlpatterns = [
    path("orders/<str:order_id>/receipt", views.register_receipt, name="register-receipt"),
    path("payments/via/confirm", views.confirm_via_payment, name="confirm-via-payment"),
]
