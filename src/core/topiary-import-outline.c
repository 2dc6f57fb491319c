/* topiary-import-outline.c: being written */
