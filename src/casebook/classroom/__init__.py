"""The classroom: exercises, saved answers, hand-ins, the class pool and the live class.

- :mod:`casebook.classroom.exercises`: the exercise kinds a chapter asks;
- :mod:`casebook.classroom.answers`: every answer saved as it is given;
- :mod:`casebook.classroom.handin`: the file a student hands in;
- :mod:`casebook.classroom.pool`: a class's hand-ins read into one summary;
- :mod:`casebook.classroom.live`: the live class server.
"""
