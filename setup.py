"""Packaging of the LLP Certificates plugin and its XBlocks (settings/, templates/, tests/ are not shipped)."""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent


def requirements(name: str) -> list[str]:
    """Requirement lines of requirements/<name>, without comments and includes."""
    lines = (HERE / "requirements" / name).read_text().splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip() and not line.startswith("-")]


setup(
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
        "llp_edx_plugin": ["templates/**/*", "static/**/*", "demo/courses/**/*"],
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
