"""The class database's four tables (SQLAlchemy Core): meetings, questions, students, commits.

A meeting has a join code and the hash of its instructor key; a question row
keeps what the class was shown (prompt, options, outcome, the model's verdicts)
and its stage; a student row keys a name (case-folded) to the hash of the
token the student's page holds; a commit row is keyed by meeting, question and
student (one commit each, final) and its client-made ``commit_id`` is unique
in the meeting (a retry is recognised, never counted twice).

Examples
--------
>>> sorted(metadata.tables)
['cb_commits', 'cb_meetings', 'cb_questions', 'cb_students']
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["metadata", "meetings", "questions", "students", "commits"]

metadata = sa.MetaData()
meetings = sa.Table(
    "cb_meetings", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("key_hash", sa.String(64), nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("current_qid", sa.String(120)),
)
questions = sa.Table(
    "cb_questions", metadata,
    sa.Column("meeting_id", sa.String(32), sa.ForeignKey("cb_meetings.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("qid", sa.String(120), primary_key=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("prompt", sa.Text, nullable=False),
    sa.Column("options", sa.Text, nullable=False),        # JSON list of option texts
    sa.Column("case_id", sa.String(120)),
    sa.Column("outcome", sa.Text, nullable=False, default=""),
    sa.Column("source", sa.Text, nullable=False, default=""),
    sa.Column("judges", sa.Text, nullable=False, default="{}"),  # JSON {option: model line}
    sa.Column("stage", sa.String(16), nullable=False),
    sa.Column("opened_at", sa.String(40), nullable=False),
)
students = sa.Table(
    "cb_students", metadata,
    sa.Column("meeting_id", sa.String(32), sa.ForeignKey("cb_meetings.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("name_key", sa.String(200), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False),
    sa.Column("joined_at", sa.String(40), nullable=False),
)
commits = sa.Table(
    "cb_commits", metadata,
    sa.Column("meeting_id", sa.String(32), sa.ForeignKey("cb_meetings.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("qid", sa.String(120), primary_key=True),
    sa.Column("name_key", sa.String(200), primary_key=True),
    sa.Column("commit_id", sa.String(64), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("choice", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("committed_at", sa.String(40), nullable=False),
    sa.UniqueConstraint("meeting_id", "commit_id", name="cb_commit_once"),
)
