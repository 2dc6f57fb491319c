/* topiary-mustache.c: being written */
