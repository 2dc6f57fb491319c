/* topiary-markdown.c: being written */
