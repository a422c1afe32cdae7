"""Safe XML parsing of OLX files: no DTDs, no entities (billion laughs, XXE), no network."""

from xml.etree.ElementTree import Element, ParseError, tostring

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException

from .archive import bad_file


def parse_xml(text: str, path: str) -> Element:
    """The root element of ``text``; ``FieldErrors`` naming ``path`` for malformed or unsafe XML."""
    try:
        return SafeElementTree.fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise bad_file(f"'{path}' declares a DTD or entities, which OLX files may not use.") from exc
    except ParseError as exc:
        raise bad_file(f"'{path}' is not well-formed XML ({exc}).") from exc


def outer_xml(element: Element) -> str:
    """The element serialized, without its tail."""
    tail, element.tail = element.tail, None
    try:
        return tostring(element, encoding="unicode").strip()
    except RecursionError as exc:
        raise bad_file(f"<{element.tag}> is nested too deeply.") from exc
    finally:
        element.tail = tail


def inner_xml(element: Element) -> str:
    """The element's content (text and children) serialized, as an HTML body or a question list."""
    try:
        parts = [element.text or ""] + [tostring(child, encoding="unicode") for child in element]
    except RecursionError as exc:
        raise bad_file(f"<{element.tag}> is nested too deeply.") from exc
    return "".join(parts).strip()
