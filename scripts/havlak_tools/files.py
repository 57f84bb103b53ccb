"""Writing result files: each under a temporary name first, then renamed, so
a reader never finds one half-written."""

import csv
import io
import json
import os


def write_text(path, text):
    directory = os.path.dirname(path) or "."
    os.makedirs(directory, exist_ok=True)
    temporary = os.path.join(directory,
                             f".{os.path.basename(path)}.tmp.{os.getpid()}")
    try:
        with open(temporary, "w") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def write_json(path, value):
    write_text(path, json.dumps(value, indent=2, sort_keys=False) + "\n")


def write_csv(path, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"a row of {len(row)} fields under a header of "
                             f"{len(header)}")
        writer.writerow(row)
    write_text(path, buffer.getvalue())
