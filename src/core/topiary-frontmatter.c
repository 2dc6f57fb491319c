/* topiary-frontmatter.c: being written */
