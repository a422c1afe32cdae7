"""OLX of the llp_* blocks through XBlock's own ``parse_xml`` / ``add_xml_to_node``.

XBlock's default ``parse_xml`` turns every child element into a child block (``PluginMissingError: question``
for a quiz, the HTML of a reading lost) and does not follow pointer tags (``<llp_quiz url_name="q1"/>`` with
its definition in ``llp_quiz/q1.xml``, as Open edX exports): the block comes out empty. ``OlxMixin`` follows a
pointer through the importing runtime's ``resources_fs`` (Open edX's import runtime has one), reads the
attributes as the block's settings and content fields, and keeps the body, text and elements as written, in
the ``body_field`` (``data``; None for a block without a body), written back as the element's body on export.
No Django, no plugin import: safe at entry-point load time.
"""

import copy
from xml.sax.saxutils import escape

from lxml import etree
from lxml import html as lxml_html
from xblock.fields import Scope

# Attributes the Open edX runtime owns (identity, pointers, families): never fields of these blocks.
_RUNTIME_ATTRIBUTES = frozenset({"url_name", "xblock-family", "filename"})
# Course content and settings are OLX; learner state never is.
_OLX_SCOPES = (Scope.settings, Scope.content)
# Definition files are the course's own XML: no DTD, no entities, no network.
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)


def is_pointer(node: etree._Element) -> bool:
    """``<tag url_name="..."/>`` and nothing else: the definition is in ``tag/url_name.xml``."""
    return len(node) == 0 and set(node.keys()) == {"url_name"} and not (node.text or "").strip()


def definition(node: etree._Element, runtime) -> etree._Element:
    """The element that defines the block: ``node`` itself, or the file a pointer tag names."""
    resources = getattr(runtime, "resources_fs", None)
    if not is_pointer(node) or resources is None:
        return node
    path = f"{node.tag}/{node.get('url_name').replace(':', '/')}.xml"
    with resources.open(path, "rb") as xml_file:
        return etree.parse(xml_file, parser=_SAFE_PARSER).getroot()


def inner_xml(node: etree._Element) -> str:
    """The element's body (text and children, comments kept) as XML text, exactly as a parser would read it."""
    parts = [escape(node.text or "")]
    for child in node:
        clean = copy.deepcopy(child)
        if isinstance(clean.tag, str):  # an element, not a comment or processing instruction
            etree.cleanup_namespaces(clean)  # no xmlns declarations inherited from an export's root
        parts.append(etree.tostring(clean, encoding="unicode", with_tail=True))
    return "".join(parts).strip()


def body_nodes(content: str) -> tuple[str, list[etree._Element]]:
    """``content`` as an element body (text, children); HTML that is not well-formed XML is normalized."""
    try:
        holder = etree.fromstring(f"<body>{content}</body>", parser=_SAFE_PARSER)
    except etree.XMLSyntaxError:
        # Course HTML such as ``<br>`` or ``&nbsp;``: written as the same HTML in XML syntax.
        holder = lxml_html.fragment_fromstring(content, create_parent="body")
    return holder.text or "", list(holder)


def _attribute(field, value: object) -> str:
    """A setting as an OLX attribute; a whole number as authors write it (``5``, not ``5.0``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return field.to_string(value)


class OlxMixin:
    """``parse_xml`` / ``add_xml_to_node`` of the llp_* blocks (see the module docstring)."""

    body_field: str | None = "data"

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        node = definition(node, runtime)
        block = runtime.construct_xblock_from_class(cls, keys)
        for name, value in node.items():
            field = block.fields.get(name)
            if name in _RUNTIME_ATTRIBUTES or field is None or field.scope not in _OLX_SCOPES or name == cls.body_field:
                continue  # as XBlock does: an unknown attribute is not an error
            setattr(block, name, field.from_string(value))
        body = inner_xml(node)
        if body and cls.body_field:
            setattr(block, cls.body_field, body)
        return block

    def add_xml_to_node(self, node):
        node.tag = self.xml_element_name()
        node.set("xblock-family", self.entry_point)
        for name, field in self.fields.items():
            if field.scope not in _OLX_SCOPES or name == self.body_field or not field.is_set_on(self):
                continue
            value = field.read_from(self)
            if value is not None:
                node.set(name, _attribute(field, value))
        body = getattr(self, self.body_field) if self.body_field else ""
        if body:
            text, children = body_nodes(body)
            node.text = text
            for child in children:
                node.append(child)
