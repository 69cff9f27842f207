#!/bin/sh
# Stands in for Prisma's native schema engine, which cannot be downloaded on these
# machines. `prisma generate` never runs it; anything that would is done offline instead.
echo "offline: use npm run db:migrate (apply), npm run db:migration -- <name> (author) or npm run db:check (drift)" >&2
exit 1
