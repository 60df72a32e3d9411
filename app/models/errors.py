class DomainError(Exception):
    """An action the rules of the workshop refuse; the message is shown to the user.

    Messages are lazy gettext strings so they render in the language of whoever
    receives them.
    """

    def __init__(self, message, status=409):
        super().__init__(str(message))
        self.message = message
        self.status = status
        from app.unit_of_work import refused

        refused()


class ConfirmationNeeded(DomainError):
    """An action that is allowed once the user confirmed it: the message is the
    question. Pages without JavaScript get it as a page with a confirm button."""
