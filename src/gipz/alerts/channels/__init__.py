"""The three ways out: Web Push, e-mail and SMS. Each sends one AlertText or raises DeliveryError with what the other
side answered (never the message itself)."""


class DeliveryError(Exception):
    """A channel could not deliver; the message says why, in words safe for the log."""
