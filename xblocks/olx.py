"""OLX of blocks whose body is content, not child blocks: XBlock's ``parse_xml`` / ``add_xml_to_node``.

XBlock's default ``parse_xml`` turns every child element into a child block (``PluginMissingError: question``
for a quiz, the HTML of a reading lost). ``ContentOlxMixin`` keeps the body, text and elements as written, in
one ``Scope.content`` field (``data``) and writes it back as the element's body on export; attributes are the
block's settings as XBlock does them. No Django, no plugin import: safe at entry-point load time.
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
        holder = etree.fromstring(f"<body>{content}</body>", parser=etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        # Course HTML such as ``<br>`` or ``&nbsp;``: written as the same HTML in XML syntax.
        holder = lxml_html.fragment_fromstring(content, create_parent="body")
    return holder.text or "", list(holder)


def _attribute(field, value: object) -> str:
    """A setting as an OLX attribute; a whole number as authors write it (``5``, not ``5.0``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return field.to_string(value)


class ContentOlxMixin:
    """``parse_xml`` / ``add_xml_to_node`` keeping the element's body in ``data`` (see the module docstring)."""

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = runtime.construct_xblock_from_class(cls, keys)
        for name, value in node.items():
            field = block.fields.get(name)
            if name in _RUNTIME_ATTRIBUTES or field is None or field.scope not in _OLX_SCOPES or name == "data":
                continue  # as XBlock does: an unknown attribute is not an error
            setattr(block, name, field.from_string(value))
        body = inner_xml(node)
        if body:
            block.data = body
        return block

    def add_xml_to_node(self, node):
        node.tag = self.xml_element_name()
        node.set("xblock-family", self.entry_point)
        for name, field in self.fields.items():
            if field.scope not in _OLX_SCOPES or name == "data" or not field.is_set_on(self):
                continue
            value = field.read_from(self)
            if value is not None:
                node.set(name, _attribute(field, value))
        if self.data:
            text, children = body_nodes(self.data)
            node.text = text
            for child in children:
                node.append(child)
