from django.urls import path

from . import views

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("orders", views.create_order, name="create-order"),
    path("orders/<int:order_id>", views.order_page, name="order"),
    path("orders/<int:order_id>/pay", views.pay, name="pay"),
    path("orders/<int:order_id>/verify", views.verify, name="verify"),
    path("orders/<int:order_id>/resend", views.resend, name="resend"),
    path("orders/<int:order_id>/receipt", views.register_receipt_again, name="register-receipt"),
]
