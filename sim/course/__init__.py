"""Course logic without widgets: lesson files, quiz checking, prediction judging, answer keys,
the class folder (:mod:`~sim.course.classroom`) and the trainer's printable kit
(:mod:`~sim.course.kit`).

Nothing here imports ipywidgets or plotly (``sim.ui`` builds the widgets on top), so a trainer
or CI can refresh the facilitator guides with ``python -m sim.course.answers`` on a bare install.
The lessons folder is ``lessons/`` of the checkout unless ``root=`` or ``$PASAR_LESSONS`` says
otherwise (:func:`sim.course.lessons.lessons_root`).
"""
