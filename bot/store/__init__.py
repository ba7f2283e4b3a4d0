"""Laget's database: tables, migrations, repositories and the botbuilder Storage on SQL."""
