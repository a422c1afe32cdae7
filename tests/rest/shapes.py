"""Does an answer have exactly the keys its schema serializer names?"""

from rest_framework import serializers


def assert_shape(data: dict, serializer: serializers.Serializer, where: str = "") -> None:
    """``data`` has exactly the keys of ``serializer`` (its optional ones may be missing), nested ones too."""
    fields = serializer.fields
    optional = {name for name, field in fields.items() if not field.required}
    assert set(fields) - optional <= set(data) <= set(fields), where
    for name, field in fields.items():
        if isinstance(field, serializers.ListSerializer) and data.get(name):
            assert_shape(data[name][0], field.child, f"{where}.{name}[0]")
        elif isinstance(field, serializers.Serializer) and data.get(name) is not None:
            assert_shape(data[name], field, f"{where}.{name}")
