#!/usr/bin/env python3
# tools/demo-bodies.py — give a few articles of the sample map real bodies
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tools/demo-bodies.py TOPIARY PROJECT.topiary [IMAGE_TOOL]
#
# With IMAGE_TOOL (bench/topiary-bench-image), the project-structure article
# is a page bundle with two pictures its body shows (the screenshot of an
# article with images, tools/app-screenshots.sh).
#
# Writes a small Hugo content folder (the "Design & Architecture" group: its
# pillar and three clusters, published, with Markdown bodies that use
# headings, lists, a table, code blocks and [[wiki links]]) and imports it
# into PROJECT with `TOPIARY import`. Articles with the same slug are updated
# in place, so the rest of the map stays as it was. Going through the
# importer keeps the word counts and the search index right, which writing
# to the project file directly would not.

import os
import subprocess
import sys
import tempfile

GROUP = "design-architecture"
GROUP_INDEX = """---
title: "Design & Architecture"
slug: "design-architecture"
description: "Covers high-level design, project organization, and architectural patterns for production-ready Flask apps so readers can build maintainable, testable, and scalable codebases."
weight: 1
---
"""

PILLAR = "designing-production-ready-flask-application-architectures"

ARTICLES = [
    {
        "slug": PILLAR,
        "title": "Designing Production-Ready Flask Application Architectures",
        "description": "A comprehensive guide to choosing the right architecture for Flask projects, including recommended project layouts, application factory patterns, Blueprints, extension management, and when to split into microservices.",
        "weight": 1,
        "date": "2026-09-14T08:30:00Z",
        "kind": "pillar",
        "queries": ["flask application architecture", "flask production structure", "large flask app"],
        "body": """Flask gives you a request object, a router and a template engine, and then gets out of your way. That freedom is why small Flask apps are a joy and why large ones so often turn into a single 4,000-line `app.py`. This guide collects the decisions that keep a Flask codebase pleasant after its first year in production.

## What "production-ready" means here

An architecture is production-ready when the people who maintain it can:

- start the app with a different configuration without editing code;
- test a view without a running server or a real database;
- add a feature by adding files, not by growing the existing ones;
- find where a request is handled in under a minute.

None of these need a framework on top of Flask. They need three habits: an application factory, Blueprints per feature, and configuration that comes from the environment.

## The application factory

Instead of creating `app` at import time, create it in a function. Tests can then build as many apps as they like, each with its own settings.

```python
from flask import Flask

from .extensions import db, migrate
from .users import bp as users_bp


def create_app(config_object="app.config.Production"):
    app = Flask(__name__)
    app.config.from_object(config_object)
    app.config.from_prefixed_env()

    db.init_app(app)
    migrate.init_app(app, db)
    app.register_blueprint(users_bp, url_prefix="/users")
    return app
```

[[Blueprints and the App Factory Pattern Explained]] walks through the factory line by line, including the circular-import trap it avoids.

## Choosing a layout

How you arrange the files matters less than arranging them the same way everywhere. The three layouts below cover almost every project we have seen:

| Layout | Fits | Grows to | Main risk |
|---|---|---|---|
| Single module | prototypes, internal tools | ~500 lines | everything imports everything |
| Package by layer | CRUD apps, admin back ends | ~20 models | a change touches four folders |
| Package by feature | products with several teams | hundreds of views | shared code drifts into `utils` |

Copy-paste templates for each one are in [[Flask Project Structure: Best Practices and Examples]].

## Configuration and secrets

Keep defaults in code and everything that differs between machines in the environment. Flask 2.2 and later read `FLASK_`-prefixed variables for you:

```sh
export FLASK_SQLALCHEMY_DATABASE_URI="postgresql:///shop"
export FLASK_SECRET_KEY="$(openssl rand -hex 32)"
flask --app "app:create_app()" run
```

Layered settings for development, staging and production, and how to keep secrets out of the repository, are covered in [[Configuration, Settings, and Environment Management in Flask]].

## When to split the monolith

Most Flask apps never need microservices. Split when a part of the app has a different scaling profile, a different release cadence, or a different team, and not before. Until then, feature packages with clear boundaries give you most of the benefits at a fraction of the operational cost. [[Monolith to Microservice: When and How to Split a Flask App]] lists the signals to watch for and a safe order of steps.

> A well-structured monolith is the best starting point for microservices, and often the best end point too.

## Dependencies and packaging

Pin what you deploy and package the app like any other Python project, so the image you test is the image you ship. The details, from `pyproject.toml` to lock files, are in [[Managing Dependencies and Packaging Flask Applications]].

## Checklist

1. `create_app()` exists and nothing creates an app at import time.
2. Every feature lives in its own Blueprint package.
3. No secret is in the repository; `git grep SECRET_KEY` finds only lookups.
4. `pytest` runs without network access.
5. One command starts the app locally, and the same image runs in production.
""",
    },
    {
        "slug": "blueprints-and-the-app-factory-pattern-explained",
        "title": "Blueprints and the App Factory Pattern Explained",
        "description": "Deep dive into the app factory pattern, initializing extensions, and organizing Blueprints to enable testing and multiple deployments.",
        "weight": 3,
        "date": "2026-09-21T08:30:00Z",
        "kind": "cluster",
        "queries": ["flask app factory", "flask blueprints tutorial"],
        "body": """The application factory and Blueprints are the two Flask features that turn a script into an application. This article is part of [[Designing Production-Ready Flask Application Architectures]]; read that first if you want the bigger picture.

## Why a factory at all?

A module-level `app = Flask(__name__)` is created once, when the module is imported. Every test then shares one app and one configuration, and every extension has to be imported *after* the app exists. A factory fixes both:

```python
# app/extensions.py
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()  # no app yet: bound later with init_app()
```

```python
# app/__init__.py
def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(SECRET_KEY="dev")
    if test_config:
        app.config.update(test_config)
    db.init_app(app)
    return app
```

## Blueprints: one folder per feature

A Blueprint is a bundle of routes, templates and static files that the app registers later. Give each feature its own:

```text
app/
  users/
    __init__.py      # bp = Blueprint("users", __name__)
    routes.py
    templates/users/
  orders/
    __init__.py
    routes.py
```

Keep the templates in a sub-folder named after the Blueprint (`templates/users/profile.html`), or two Blueprints with a `profile.html` will silently shadow each other.

## Testing with the factory

```python
import pytest
from app import create_app


@pytest.fixture
def client():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.test_client() as client:
        yield client


def test_profile_needs_login(client):
    assert client.get("/users/me").status_code == 302
```

## Common mistakes

- **Importing `current_app` at module level.** It only exists inside a request or an app context.
- **Registering Blueprints inside the Blueprint module.** Registration belongs in the factory, so the Blueprint stays reusable.
- **One giant Blueprint.** If `routes.py` passes 400 lines, it is two features.

Where the folders themselves should go is the subject of [[Flask Project Structure: Best Practices and Examples]].
""",
    },
    {
        "slug": "flask-project-structure-best-practices-and-examples",
        "title": "Flask Project Structure: Best Practices and Examples",
        "description": "Concrete, copy-pasteable project templates for small, medium, and large Flask apps with explanations of tradeoffs and where to place code, static assets, and tests.",
        "weight": 2,
        "date": "2026-09-28T08:30:00Z",
        "kind": "cluster",
        "queries": ["flask project structure", "flask folder layout"],
        "body": """There is no official Flask layout, which is why every tutorial shows a different one. Below are three that hold up in production, from smallest to largest, with the trade-offs that decide between them. For the reasoning behind them see [[Designing Production-Ready Flask Application Architectures]].

## Small: one package

```text
shop/
  shop/
    __init__.py        # create_app()
    views.py
    models.py
    templates/
    static/
  tests/
  pyproject.toml
```

Good for an internal tool or a first release. Move on when `views.py` needs a table of contents.

## Medium: package by layer

```text
shop/
  shop/
    __init__.py
    models/
    views/
    services/
    templates/
  migrations/
  tests/
```

## Large: package by feature

```text
shop/
  shop/
    __init__.py
    users/   { routes.py, models.py, services.py, templates/ }
    orders/  { routes.py, models.py, services.py, templates/ }
    common/
  migrations/
  tests/users/  tests/orders/
```

Each feature is a Blueprint, as described in [[Blueprints and the App Factory Pattern Explained]].

## Comparing the three

| | Small | By layer | By feature |
|---|---|---|---|
| Files touched per feature | 2–3 | 4–5 | 1 folder |
| Works with several teams | no | partly | yes |
| Easy to extract a service later | no | no | yes |
| Boilerplate | none | low | medium |

## Where things go

- **Tests** mirror the package: `tests/users/test_routes.py`.
- **Static assets** that a build step produces go in `shop/static/dist/` and are ignored by Git.
- **Settings** stay in `shop/config.py`; values come from the environment, see [[Configuration, Settings, and Environment Management in Flask]].
""",
    },
    {
        "slug": "configuration-settings-and-environment-management-in-flask",
        "title": "Configuration, Settings, and Environment Management in Flask",
        "description": "Patterns for 12-factor configuration, secure secret handling, and layering configs for dev/staging/production.",
        "weight": 4,
        "date": "2026-10-05T08:30:00Z",
        "kind": "cluster",
        "queries": ["flask config", "flask environment variables"],
        "body": """Configuration is the part of an app that changes between machines while the code stays the same. Getting it right early saves a great deal of pain later; this article belongs to [[Designing Production-Ready Flask Application Architectures]].

## Layered settings

Keep one class per environment and let each inherit the defaults:

```python
class Base:
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SESSION_COOKIE_SECURE = True


class Development(Base):
    DEBUG = True
    SESSION_COOKIE_SECURE = False


class Production(Base):
    PREFERRED_URL_SCHEME = "https"
```

## Values from the environment

`app.config.from_prefixed_env()` reads every `FLASK_*` variable and parses JSON values, so `FLASK_MAX_CONTENT_LENGTH=1048576` becomes an integer.

| Source | Use it for | Never put here |
|---|---|---|
| config classes | defaults, feature flags | passwords, keys |
| environment | URLs, credentials, tuning | large structured data |
| instance folder | per-machine overrides | anything under Git |

## Secrets

1. Generate keys with `python -c "import secrets; print(secrets.token_hex(32))"`.
2. Store them in the platform's secret store, not in `.env` files that get committed by accident.
3. Rotate `SECRET_KEY` with `SECRET_KEY_FALLBACKS` (Flask 3.1) so existing sessions survive.

The same factory from [[Blueprints and the App Factory Pattern Explained]] accepts a settings object, which is what makes all of this testable.
""",
    },
]


def yaml_string(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


IMAGES_IN = "flask-project-structure-best-practices-and-examples"
IMAGES = [("layout.jpg", "The three layouts side by side", 7), ("request-flow.jpg", "A request through the factory and the Blueprints", 11)]


def add_images(body, folder, tool):
    """The body with the two pictures after its first paragraph; writes them."""
    os.makedirs(os.path.join(folder, "images"))
    figures = []
    for name, alt, seed in IMAGES:
        subprocess.run([tool, os.path.join(folder, "images", name), "960", "540", str(seed)], check=True)
        figures.append("![%s](images/%s)" % (alt, name))
    first, sep, rest = body.partition("\n\n")
    return first + sep + figures[0] + "\n\n" + rest.replace("\n## Medium", "\n" + figures[1] + "\n\n## Medium", 1)


def write_folder(root, image_tool=None):
    group_dir = os.path.join(root, "content", GROUP)
    os.makedirs(group_dir)
    with open(os.path.join(group_dir, "_index.md"), "w", encoding="utf-8") as f:
        f.write(GROUP_INDEX)
    for a in ARTICLES:
        lines = [
            "---",
            "title: " + yaml_string(a["title"]),
            "slug: " + yaml_string(a["slug"]),
            "description: " + yaml_string(a["description"]),
            "weight: %d" % a["weight"],
            "draft: false",
            "date: " + yaml_string(a["date"]),
            "keywords: [" + ", ".join(yaml_string(q) for q in a["queries"]) + "]",
            "params:",
            "  kind: " + yaml_string(a["kind"]),
            '  status: "published"',
        ]
        if a["kind"] == "cluster":
            lines.append("  pillar: " + yaml_string(PILLAR))
        lines.append("---")
        path = os.path.join(group_dir, a["slug"] + ".md")
        body = a["body"]
        if image_tool and a["slug"] == IMAGES_IN:
            path = os.path.join(group_dir, a["slug"], "index.md")
            body = add_images(body, os.path.dirname(path), image_tool)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n" + body)


def main():
    if len(sys.argv) not in (3, 4):
        sys.stderr.write("usage: %s TOPIARY PROJECT.topiary [IMAGE_TOOL]\n" % sys.argv[0])
        return 2
    topiary, project = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="topiary-demo-") as tmp:
        write_folder(tmp, sys.argv[3] if len(sys.argv) == 4 else None)
        return subprocess.run([topiary, "import", tmp, project, "--format", "hugo"]).returncode


if __name__ == "__main__":
    sys.exit(main())
