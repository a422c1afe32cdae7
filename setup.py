"""Packaging of the LLP Certificates plugin and its XBlocks (settings/, templates/, tests/ are not shipped)."""

from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent
# The gettext catalogs (ADR 0041): .po files in git, .mo files compiled by the build (build_py below).
LOCALE = Path("llp_edx_plugin") / "conf" / "locale"


def requirements(name: str) -> list[str]:
    """Requirement lines of requirements/<name>, without comments and includes."""
    lines = (HERE / "requirements" / name).read_text().splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip() and not line.startswith("-")]


def compile_catalogs(source: Path, target: Path) -> list[Path]:
    """Compile every ``<lang>/LC_MESSAGES/*.po`` under ``source`` into a ``.mo`` beside it under ``target``.

    Pure Python (Babel), so a machine without GNU gettext builds and installs the package too.
    Fuzzy entries are left out, as msgfmt does.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        mo_path = target / po_path.relative_to(source).with_suffix(".mo")
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        written.append(mo_path)
    return written


class BuildPyWithCatalogs(build_py):
    """build_py that also compiles the catalogs: into the wheel's tree, or in place for an editable install."""

    def run(self) -> None:
        super().run()
        target = HERE / LOCALE if self.editable_mode else Path(self.build_lib) / LOCALE
        compile_catalogs(HERE / LOCALE, target)


setup(
    cmdclass={"build_py": BuildPyWithCatalogs},
    name="llp-edx-plugin",
    version="0.1.0",
    description="LLP Certificates: an Open edX plugin that issues, renders and manages course certificates",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="AGPL-3.0",
    python_requires=">=3.11",
    packages=find_packages(include=["llp_edx_plugin", "llp_edx_plugin.*", "xblocks", "xblocks.*"]),
    include_package_data=True,
    package_data={
        "llp_edx_plugin": ["templates/**/*", "static/**/*", "demo/courses/**/*", "conf/locale/*/LC_MESSAGES/*.po"],
        "xblocks": ["*/templates/*", "*/static/*"],
    },
    install_requires=requirements("base.in"),
    # What the standalone project needs to run in production (README "Production deployment"): kombu's Redis
    # transport needs celery[redis] (not just the redis client), PostgreSQL needs psycopg, and a WSGI server.
    extras_require={"production": requirements("production.in")},
    entry_points={
        "lms.djangoapp": ["llp_edx_plugin = llp_edx_plugin.apps:LLPCertificatesConfig"],
        "cms.djangoapp": ["llp_edx_plugin = llp_edx_plugin.apps:LLPCertificatesConfig"],
        # Inside edx-platform register only the llp_* blocks: video, html and problem are the platform's own;
        # the standalone runtime maps those types itself (llp_edx_plugin.learning.runtime.BLOCK_CLASSES).
        "xblock.v1": [
            "llp_video = xblocks.llp_video.block:LlpVideoBlock",
            "llp_reading = xblocks.llp_reading.block:LlpReadingBlock",
            "llp_quiz = xblocks.llp_quiz.block:LlpQuizBlock",
        ],
    },
    # Open edX Sumac and Teak run Django 4.2 (with XBlock 5), Ulmo Django 5.2: the suite runs on both.
    classifiers=[
        "Framework :: Django",
        "Framework :: Django :: 4.2",
        "Framework :: Django :: 5.2",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3.11",
        "License :: OSI Approved :: GNU Affero General Public License v3",
    ],
)
