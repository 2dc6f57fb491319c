/* topiary-import-csv.c: being written */
