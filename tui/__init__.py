"""taperplan's shells: the command line (`cli`) and the Textual app (`app`)."""
