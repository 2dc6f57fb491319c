/* topiary-check.c: being written */
