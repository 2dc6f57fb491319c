/* topiary-import-maptext.c: being written */
