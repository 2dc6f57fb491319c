/* topiary-import-hugo.c: being written */
