"""Studio editing of the llp_* blocks: XBlock's own form (``xblock.utils.studio_editable``) and a strict save.

The form (``studio_view``) and its JavaScript are XBlock's ``StudioEditableXBlockMixin`` (shipped inside
XBlock since xblock-utils was merged into it). Its ``submit_studio_edits`` is replaced: it reads
``data['values']`` unguarded and saves whatever ``from_json`` accepts, so a malformed body is a 500 and a
pass score of 7 is saved. Here every value is checked by the block's ``clean_<field>`` first and nothing is
saved unless all are valid; errors come back as 400 ``{"error": {"messages": [{"type": "error",
"text": "<Field>: <why>"}], "field_errors": {field: why}}}`` (the form shows the messages).
"""

import math

from django.utils.translation import gettext as _
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.utils.studio_editable import StudioEditableXBlockMixin

MAX_DISPLAY_NAME = 255


def gettext_noop(message: str) -> str:
    """Mark a constant for the catalog (makemessages knows the name) without Django: the blocks load by entry
    point in a bare Python, where Django's own ``gettext_noop`` would need settings; translated where shown."""
    return message


BAD_BODY = gettext_noop("The body must be an object: {values: {field: value}, defaults: [field, ...]}.")


def _error(field_errors: dict[str, str], labels: dict[str, str]) -> JsonHandlerError:
    messages = [{"type": "error", "text": f"{labels.get(name, name)}: {why}"} for name, why in field_errors.items()]
    return JsonHandlerError(400, {"messages": messages, "field_errors": field_errors})


def clean_display_name(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(_("enter a name."))
    if len(value.strip()) > MAX_DISPLAY_NAME:
        raise ValueError(_("at most {limit} characters.").format(limit=MAX_DISPLAY_NAME))
    return value.strip()


def optional_number(value: object, *, minimum: float, maximum: float, integer: bool = False) -> float | int | None:
    """``None``/``""`` -> None; a JSON number or numeric string within [minimum, maximum]; else ``ValueError``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    template = (
        _("must be a whole number from {minimum} to {maximum}.")
        if integer
        else _("must be a number from {minimum} to {maximum}.")
    )
    why = template.format(minimum=f"{minimum:g}", maximum=f"{maximum:g}")
    if isinstance(value, bool):
        raise ValueError(why)
    try:
        number = float(value.strip()) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ValueError(why) from exc
    if not math.isfinite(number) or not minimum <= number <= maximum or (integer and number != int(number)):
        raise ValueError(why)
    return int(number) if integer else number


class StudioEditableMixin(StudioEditableXBlockMixin):
    """XBlock's Studio form with a strict save: a block defines ``editable_fields`` and ``clean_<field>``."""

    editable_fields: tuple[str, ...] = ()

    def clean_display_name(self, value: object) -> str:
        return clean_display_name(value)

    @XBlock.json_handler
    def submit_studio_edits(self, data, suffix=""):
        """``{values: {field: value}, defaults: [field]}`` -> ``{result: "success"}``; 400 and nothing saved."""
        if not isinstance(data, dict):
            raise JsonHandlerError(400, _(BAD_BODY))
        values, defaults = data.get("values", {}), data.get("defaults", [])
        if not isinstance(values, dict) or not isinstance(defaults, list):
            raise JsonHandlerError(400, _(BAD_BODY))
        labels = {name: self.fields[name].display_name or name for name in self.editable_fields}
        errors = {str(name): _("this field cannot be edited.") for name in [*values, *defaults] if name not in labels}
        cleaned = {}
        for name, value in values.items():
            if name in errors:
                continue
            try:
                cleaned[name] = getattr(self, f"clean_{name}")(value)
            except ValueError as exc:
                errors[name] = str(exc)
        if errors:
            raise _error(errors, labels)
        for name, value in cleaned.items():
            setattr(self, name, value)
        for name in defaults:
            if name not in values:
                self.fields[name].delete_from(self)
        return {"result": "success"}
