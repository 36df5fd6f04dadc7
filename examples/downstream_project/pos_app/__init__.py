"""pos-app: a tiny checkout on top of sigmakkt."""

from pos_app.checkout import Cart, checkout

__all__ = ["Cart", "checkout"]
