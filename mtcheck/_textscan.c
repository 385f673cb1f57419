/* mtcheck._textscan: the Document views every article needs, in one C pass each.
 *
 * Why: a 1,000-article run builds, for every article, its word tokens (starts, ends,
 * texts, lower-cased texts), its sentence spans and the offsets of the words whose
 * capital says nothing (sentence starts, the word after an opening quote), and which
 * lines are headlines.  In Python
 * those are regex passes plus a list, an int and a str per token: ~110 us of the
 * ~1,050 us an article costs a --jobs worker.  Here they are one scan of the string's
 * code points each, and only the result objects are allocated.
 *
 * mtcheck/textscan.py holds the Python definition of each function, which this file
 * must match exactly (tests/test_textscan.py compares both on random and real text).
 * Character classes are the ones Python's `re` uses for str patterns, through the same
 * C macros: a letter is `[^\W\d_]` (alphanumeric, not a decimal digit, not "_"), a
 * space is `\s` (Py_UNICODE_ISSPACE, which str.strip uses too).
 *
 * The checks' per-token list work is here too (the capitalization checks' initial
 * capitals, words written both ways and tokens of a word set; the repetition checks'
 * words equal to the one k places on): each was a few C-level maps over every token,
 * with an iterator and a temporary list per map, or a rich comparison per pair.
 *
 * And the word tables' key search (wordtable.py): a bisection of the sorted keys of a
 * memory-mapped table with memcmp, for each distinct word a run looks up.  Its Python
 * version is WordTable's own search (tests/test_textscan.py compares the two).
 *
 * And the pattern rules' literal pre-checks (checks/literals.py): which of ~700 strings
 * an article holds, by one scan with small bitmaps that stay in the CPU cache.
 *
 * And the romanized-Russian model's back-off walk (romanized.py), over two word tables
 * per word; its Python definition is romanized._logprob_direct, which
 * tests/test_textscan.py and tests/test_romanized.py compare it with.
 *
 * One file for all of them (~900 lines, most of it comments and error paths): one
 * extension module to build, load and version.
 *
 * Bump TEXTSCAN_API when a function's arguments or results change: textscan.py refuses
 * a built module of another version (a stale build in a source checkout) and falls
 * back to Python.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define TEXTSCAN_API 7

#define CH(i) PyUnicode_READ(kind, data, (i))

/* `[^\W\d_]` of Python's re, for str patterns */
static inline int is_letter(Py_UCS4 c) {
    if (c < 128)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c);
}

/* what joins the letter runs of one token: `[-'’]` */
static inline int is_joiner(Py_UCS4 c) { return c == '-' || c == '\'' || c == 0x2019; }

/* `\s` of Python's re (and what str.strip removes) */
static inline int is_space(Py_UCS4 c) { return Py_UNICODE_ISSPACE(c); }

/* `[^\S\r\n]`: a space that does not end a line */
static inline int is_inline_space(Py_UCS4 c) { return c != '\r' && c != '\n' && Py_UNICODE_ISSPACE(c); }

/* `[\w.]` */
static inline int is_word_or_dot(Py_UCS4 c) { return c == '.' || c == '_' || Py_UNICODE_ISALNUM(c); }

/* Put the int *value* into *into* with *put* (PyList_Append or PySet_Add); 0 or -1. */
static int put_int(int (*put)(PyObject *, PyObject *), PyObject *into, Py_ssize_t value) {
    PyObject *v = PyLong_FromSsize_t(value);
    if (v == NULL)
        return -1;
    int rc = put(into, v);
    Py_DECREF(v);
    return rc;
}

static int append_int(PyObject *list, Py_ssize_t value) { return put_int(PyList_Append, list, value); }
static int add_int(PyObject *set, Py_ssize_t value) { return put_int(PySet_Add, set, value); }

/* *set* as a frozenset (a new reference; *set* is released either way) */
static PyObject *freeze(PyObject *set) {
    PyObject *frozen = PyFrozenSet_New(set);
    Py_DECREF(set);
    return frozen;
}

/* How many (start, end) pairs two parallel lists of offsets hold. */
static Py_ssize_t pair_count(PyObject *starts, PyObject *ends) {
    Py_ssize_t n = PyList_GET_SIZE(starts);
    return PyList_GET_SIZE(ends) < n ? PyList_GET_SIZE(ends) : n;
}

/* The k-th (start, end) pair, clamped to [0, n]; -1 with an exception for a non-int. */
static int pair_at(PyObject *starts, PyObject *ends, Py_ssize_t k, Py_ssize_t n, Py_ssize_t *s, Py_ssize_t *e) {
    *s = PyLong_AsSsize_t(PyList_GET_ITEM(starts, k));
    *e = PyLong_AsSsize_t(PyList_GET_ITEM(ends, k));
    if (PyErr_Occurred())
        return -1;
    if (*s < 0)
        *s = 0;
    if (*e > n)
        *e = n;
    return 0;
}

/* The end of the token that begins with the letter at i, before *limit*: a run of
 * letters, then runs joined by single joiners (a joiner belongs to the token only with
 * a letter after it) */
static Py_ssize_t token_end(int kind, const void *data, Py_ssize_t i, Py_ssize_t limit) {
    i++;
    while (i < limit && is_letter(CH(i)))
        i++;
    while (i + 1 < limit && is_joiner(CH(i)) && is_letter(CH(i + 1))) {
        i += 2;
        while (i < limit && is_letter(CH(i)))
            i++;
    }
    return i;
}

/* An ASCII token lower-cased (the token itself when it has no capital). */
static PyObject *ascii_lower(PyObject *word) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(word), k;
    const Py_UCS1 *src = PyUnicode_1BYTE_DATA(word);
    for (k = 0; k < n; k++)
        if (src[k] >= 'A' && src[k] <= 'Z')
            break;
    if (k == n) {
        Py_INCREF(word);
        return word;
    }
    PyObject *out = PyUnicode_New(n, 127);
    if (out == NULL)
        return NULL;
    Py_UCS1 *dst = PyUnicode_1BYTE_DATA(out);
    for (k = 0; k < n; k++) {
        Py_UCS1 c = src[k];
        dst[k] = (c >= 'A' && c <= 'Z') ? (Py_UCS1)(c + 32) : c;
    }
    return out;
}

PyDoc_STRVAR(tokens_doc,
"tokens(prose) -> (starts, ends, words, lows)\n\n"
"Every match of [^\\W\\d_]+(?:[-'\\u2019][^\\W\\d_]+)* in prose, in order: start and end\n"
"offsets, the token's text, and its text lower-cased (str.lower).");

static PyObject *tokens(PyObject *self, PyObject *prose) {
    if (!PyUnicode_Check(prose)) {
        PyErr_Format(PyExc_TypeError, "tokens() needs a str, not %.100s", Py_TYPE(prose)->tp_name);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(prose), i = 0;
    int kind = PyUnicode_KIND(prose);
    const void *data = PyUnicode_DATA(prose);
    PyObject *starts = PyList_New(0), *ends = PyList_New(0), *words = PyList_New(0), *lows = PyList_New(0);
    if (!starts || !ends || !words || !lows)
        goto fail;
    while (i < n) {
        if (!is_letter(CH(i))) {
            i++;
            continue;
        }
        Py_ssize_t s = i;
        i = token_end(kind, data, i, n);
        PyObject *word = PyUnicode_Substring(prose, s, i);
        if (word == NULL)
            goto fail;
        PyObject *low = PyUnicode_IS_ASCII(word) ? ascii_lower(word) : PyObject_CallMethod(word, "lower", NULL);
        int bad = low == NULL || append_int(starts, s) || append_int(ends, i)
                  || PyList_Append(words, word) || PyList_Append(lows, low);
        Py_DECREF(word);
        Py_XDECREF(low);
        if (bad)
            goto fail;
    }
    return Py_BuildValue("(NNNN)", starts, ends, words, lows);
fail:
    Py_XDECREF(starts);
    Py_XDECREF(ends);
    Py_XDECREF(words);
    Py_XDECREF(lows);
    return NULL;
}

/* `[.!?…]` */
static inline int is_terminal(Py_UCS4 c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }
/* `["”’»)\]]` */
static inline int is_closer(Py_UCS4 c) {
    return c == '"' || c == 0x201D || c == 0x2019 || c == 0xBB || c == ')' || c == ']';
}
/* `["“«(\[]` */
static inline int is_opening(Py_UCS4 c) { return c == '"' || c == 0x201C || c == 0xAB || c == '(' || c == '['; }
/* `[A-Z0-9А-ЯЁ]` */
static inline int is_sentence_initial(Py_UCS4 c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c >= 0x410 && c <= 0x42F) || c == 0x401;
}

/* Is [ws, we) (the word before a sentence end) an abbreviation or a lone letter?
 * As textscan.py: w.lower().rstrip(".") in abbrev, or one alphabetic character. */
static int is_abbreviation(PyObject *prose, Py_ssize_t ws, Py_ssize_t we, PyObject *abbrev) {
    PyObject *w = PyUnicode_Substring(prose, ws, we);
    if (w == NULL)
        return -1;
    PyObject *low = PyObject_CallMethod(w, "lower", NULL);
    Py_DECREF(w);
    if (low == NULL)
        return -1;
    PyObject *bare = PyObject_CallMethod(low, "rstrip", "s", ".");
    Py_DECREF(low);
    if (bare == NULL)
        return -1;
    int found = PySet_Contains(abbrev, bare);
    if (found == 0 && PyUnicode_GET_LENGTH(bare) == 1)
        found = Py_UNICODE_ISALPHA(PyUnicode_READ_CHAR(bare, 0)) ? 1 : 0;
    Py_DECREF(bare);
    return found;
}

PyDoc_STRVAR(sentence_bounds_doc,
"sentence_bounds(prose, line_starts, line_ends, abbrev) -> (starts, ends)\n\n"
"Sentence spans of prose, line by line: see textscan.sentence_bounds.");

static PyObject *sentence_bounds(PyObject *self, PyObject *args) {
    PyObject *prose, *line_starts, *line_ends, *abbrev;
    if (!PyArg_ParseTuple(args, "UO!O!O:sentence_bounds", &prose, &PyList_Type, &line_starts,
                          &PyList_Type, &line_ends, &abbrev))
        return NULL;
    if (!PyAnySet_Check(abbrev)) {
        PyErr_SetString(PyExc_TypeError, "sentence_bounds(): abbrev must be a set or frozenset");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(prose);
    int kind = PyUnicode_KIND(prose);
    const void *data = PyUnicode_DATA(prose);
    Py_ssize_t lines = pair_count(line_starts, line_ends);
    PyObject *starts = PyList_New(0), *ends = PyList_New(0);
    if (!starts || !ends)
        goto fail;
    for (Py_ssize_t li = 0; li < lines; li++) {
        Py_ssize_t ls, le;
        if (pair_at(line_starts, line_ends, li, n, &ls, &le))
            goto fail;
        Py_ssize_t pos = ls;   /* where the current sentence begins */
        while (pos < le && is_space(CH(pos)))
            pos++;
        if (pos >= le)
            continue;
        Py_ssize_t i = pos;
        while (i < le) {
            if (!is_terminal(CH(i))) {
                i++;
                continue;
            }
            /* [.!?…]+["”’»)\]]* : a shorter run never ends a sentence (the character
             * after it would be punctuation, not the space the look-ahead needs) */
            Py_ssize_t m_start = i;
            while (i < le && is_terminal(CH(i)))
                i++;
            while (i < le && is_closer(CH(i)))
                i++;
            Py_ssize_t m_end = i, j = i;
            /* (?=[^\S\r\n]+["“«(\[]?[A-Z0-9А-ЯЁ]) */
            if (!(j < n && is_inline_space(CH(j))))
                continue;
            while (j < n && is_inline_space(CH(j)))
                j++;
            if (!(j < n && (is_sentence_initial(CH(j))
                            || (is_opening(CH(j)) && j + 1 < n && is_sentence_initial(CH(j + 1))))))
                continue;
            /* ([\w.]+)$ before the end: "Mr.", "U.S." and initials end no sentence */
            Py_ssize_t ws = m_start;
            while (ws > pos && is_word_or_dot(CH(ws - 1)))
                ws--;
            if (ws < m_start) {
                int abbr = is_abbreviation(prose, ws, m_start, abbrev);
                if (abbr < 0)
                    goto fail;
                if (abbr)
                    continue;
            }
            if (append_int(starts, pos) || append_int(ends, m_end))
                goto fail;
            pos = m_end;
            while (pos < le && is_space(CH(pos)))
                pos++;
        }
        Py_ssize_t end = le;
        while (end > pos && is_space(CH(end - 1)))
            end--;
        if (end > pos && (append_int(starts, pos) || append_int(ends, end)))
            goto fail;
    }
    return Py_BuildValue("(NN)", starts, ends);
fail:
    Py_XDECREF(starts);
    Py_XDECREF(ends);
    return NULL;
}

/* `["“«(]`: the word right after it (spaces allowed) starts with a capital by rule */
static inline int is_quote_opener(Py_UCS4 c) { return c == '"' || c == 0x201C || c == 0xAB || c == '('; }
/* `[:;–—…]`: an opener only with a space after it */
static inline int is_clause_opener(Py_UCS4 c) {
    return c == ':' || c == ';' || c == 0x2013 || c == 0x2014 || c == 0x2026;
}

PyDoc_STRVAR(initial_offsets_doc,
"initial_offsets(prose, sentence_starts, sentence_ends) -> frozenset\n\n"
"Offsets of the first letter of each sentence and of the letter after an opener:\n"
"see textscan.initial_offsets.");

static PyObject *initial_offsets(PyObject *self, PyObject *args) {
    PyObject *prose, *sent_starts, *sent_ends;
    if (!PyArg_ParseTuple(args, "UO!O!:initial_offsets", &prose, &PyList_Type, &sent_starts,
                          &PyList_Type, &sent_ends))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(prose);
    int kind = PyUnicode_KIND(prose);
    const void *data = PyUnicode_DATA(prose);
    PyObject *out = PySet_New(NULL);
    if (out == NULL)
        return NULL;
    Py_ssize_t count = pair_count(sent_starts, sent_ends);
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_ssize_t s, e;
        if (pair_at(sent_starts, sent_ends, k, n, &s, &e))
            goto fail;
        for (Py_ssize_t i = s; i < e; i++) {
            if (is_letter(CH(i))) {   /* a token begins at a sentence's first letter */
                if (add_int(out, i))
                    goto fail;
                break;
            }
        }
    }
    Py_ssize_t i = 0;
    while (i < n) {
        Py_UCS4 c = CH(i);
        Py_ssize_t j;
        if (is_quote_opener(c))
            j = i + 1;
        else if ((is_clause_opener(c) || (c == '.' && i >= 2 && CH(i - 1) == '.' && CH(i - 2) == '.'))
                 && i + 1 < n && is_space(CH(i + 1)))
            j = i + 2;
        else {
            i++;
            continue;
        }
        while (j < n && is_space(CH(j)))
            j++;
        if (j < n && is_letter(CH(j))) {
            if (add_int(out, j))
                goto fail;
            i = j + 1;   /* matches do not overlap: the next begins after this letter */
        }
        else
            i++;
    }
    return freeze(out);
fail:
    Py_DECREF(out);
    return NULL;
}

/* ---- headline lines (Document.headline_lines) -------------------------------------- */

/* str.isupper() of prose[s:e] */
static int span_isupper(int kind, const void *data, Py_ssize_t s, Py_ssize_t e) {
    int cased = 0;
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 c = CH(i);
        if (Py_UNICODE_ISLOWER(c) || Py_UNICODE_ISTITLE(c))
            return 0;
        if (!cased && Py_UNICODE_ISUPPER(c))
            cased = 1;
    }
    return cased;
}

PyDoc_STRVAR(headline_lines_doc,
"headline_lines(prose, line_starts, line_ends) -> frozenset[int]\n\n"
"The 1-based numbers of the lines written in headline case or all caps:\n"
"see textscan.headline_lines.");

static PyObject *headline_lines(PyObject *self, PyObject *args) {
    PyObject *prose, *line_starts, *line_ends;
    if (!PyArg_ParseTuple(args, "UO!O!:headline_lines", &prose, &PyList_Type, &line_starts,
                          &PyList_Type, &line_ends))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(prose);
    int kind = PyUnicode_KIND(prose);
    const void *data = PyUnicode_DATA(prose);
    Py_ssize_t lines = pair_count(line_starts, line_ends);
    PyObject *out = PySet_New(NULL);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t li = 0; li < lines; li++) {
        Py_ssize_t s, e;
        if (pair_at(line_starts, line_ends, li, n, &s, &e))
            goto fail;
        Py_ssize_t last = e;   /* the line without trailing spaces ends at last */
        while (last > s && is_space(CH(last - 1)))
            last--;
        int sentence = last > s && CH(last - 1) == '.';
        if (sentence) {   /* [a-z]{4} somewhere: a sentence with a lower-case word */
            Py_ssize_t run = 0;
            int lower4 = 0;
            for (Py_ssize_t i = s; i < e && !lower4; i++) {
                Py_UCS4 c = CH(i);
                run = (c >= 'a' && c <= 'z') ? run + 1 : 0;
                lower4 = run >= 4;
            }
            if (lower4)
                continue;
        }
        /* the line's tokens of more than three characters */
        Py_ssize_t words = 0, caps = 0;
        int all_upper = 1;
        Py_ssize_t i = s;
        while (i < e) {
            if (!is_letter(CH(i))) {
                i++;
                continue;
            }
            Py_ssize_t ts = i;
            i = token_end(kind, data, i, e);
            if (i - ts <= 3)
                continue;
            words++;
            if (Py_UNICODE_ISUPPER(CH(ts)))
                caps++;
            if (all_upper && !span_isupper(kind, data, ts, i))
                all_upper = 0;
        }
        if (words < 2)
            continue;
        int headline = sentence ? all_upper : (caps * 4 >= words * 3 || all_upper);
        if (headline && add_int(out, li + 1))
            goto fail;
    }
    return freeze(out);
fail:
    Py_DECREF(out);
    return NULL;
}

/* ---- token-list helpers of the capitalization checks (checks/casing_*.py) ---------- */

PyDoc_STRVAR(upper_initials_doc,
"upper_initials(words) -> list[bool]\n\n"
"For each word (non-empty str), whether its first character is upper case (str.isupper).");

static PyObject *upper_initials(PyObject *self, PyObject *words) {
    if (!PyList_Check(words)) {
        PyErr_SetString(PyExc_TypeError, "upper_initials() needs a list of str");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(words);
    PyObject *out = PyList_New(n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *w = PyList_GET_ITEM(words, i);
        if (!PyUnicode_Check(w) || PyUnicode_GET_LENGTH(w) == 0) {   /* as w[0] would */
            Py_DECREF(out);
            if (PyUnicode_Check(w))
                PyErr_SetString(PyExc_IndexError, "string index out of range");
            else
                PyErr_SetString(PyExc_TypeError, "upper_initials() needs a list of str");
            return NULL;
        }
        PyObject *flag = Py_UNICODE_ISUPPER(PyUnicode_READ_CHAR(w, 0)) ? Py_True : Py_False;
        Py_INCREF(flag);
        PyList_SET_ITEM(out, i, flag);
    }
    return out;
}

PyDoc_STRVAR(mixed_initials_doc,
"mixed_initials(lows, capital) -> set\n\n"
"The strings of lows found both where capital is true and where it is false.");

static PyObject *mixed_initials(PyObject *self, PyObject *args) {
    PyObject *lows, *capital;
    if (!PyArg_ParseTuple(args, "O!O!:mixed_initials", &PyList_Type, &lows, &PyList_Type, &capital))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(lows);
    if (PyList_GET_SIZE(capital) < n)
        n = PyList_GET_SIZE(capital);
    PyObject *caps = PySet_New(NULL), *out = PySet_New(NULL);
    if (caps == NULL || out == NULL)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        int t = PyObject_IsTrue(PyList_GET_ITEM(capital, i));
        if (t < 0 || (t && PySet_Add(caps, PyList_GET_ITEM(lows, i))))
            goto fail;
    }
    if (PySet_GET_SIZE(caps) > 0) {
        for (Py_ssize_t i = 0; i < n; i++) {
            int t = PyObject_IsTrue(PyList_GET_ITEM(capital, i));
            if (t < 0)
                goto fail;
            if (t)
                continue;
            PyObject *w = PyList_GET_ITEM(lows, i);
            int in = PySet_Contains(caps, w);
            if (in < 0 || (in && PySet_Add(out, w)))
                goto fail;
        }
    }
    Py_DECREF(caps);
    return out;
fail:
    Py_XDECREF(caps);
    Py_XDECREF(out);
    return NULL;
}

PyDoc_STRVAR(indices_in_doc,
"indices_in(items, members, more=None) -> list[int]\n\n"
"Indices of the items in the set members, in order; with a set more too, an index\n"
"comes once for each of the two sets that holds its item.");

static PyObject *indices_in(PyObject *self, PyObject *args) {
    PyObject *items, *members, *more = Py_None;
    if (!PyArg_ParseTuple(args, "O!O|O:indices_in", &PyList_Type, &items, &members, &more))
        return NULL;
    if (!PyAnySet_Check(members) || (more != Py_None && !PyAnySet_Check(more))) {
        PyErr_SetString(PyExc_TypeError, "indices_in(): members and more must be sets");
        return NULL;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(items);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(items, i);
        int a = PySet_Contains(members, item);
        int b = (a >= 0 && more != Py_None) ? PySet_Contains(more, item) : 0;
        if (a < 0 || b < 0)
            goto fail;
        for (int k = a + b; k > 0; k--)
            if (append_int(out, i))
                goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ---- repeated words (checks/repetition.py) ---------------------------------------- */

PyDoc_STRVAR(equal_at_doc,
"equal_at(items, k) -> list[int]\n\n"
"The indices i, in order, at which items[i] == items[i + k] (k >= 1).");

static PyObject *equal_at(PyObject *self, PyObject *args) {
    PyObject *items;
    Py_ssize_t k;
    if (!PyArg_ParseTuple(args, "O!n:equal_at", &PyList_Type, &items, &k))
        return NULL;
    if (k < 1) {
        PyErr_SetString(PyExc_ValueError, "equal_at(): k must be at least 1");
        return NULL;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i + k < PyList_GET_SIZE(items); i++) {
        PyObject *a = PyList_GET_ITEM(items, i), *b = PyList_GET_ITEM(items, i + k);
        if (a != b && PyUnicode_CheckExact(a) && PyUnicode_CheckExact(b)) {
            /* most pairs differ: tell them apart by length, then by the hash str keeps
             * (token_set has computed it for every token) before comparing text */
            if (PyUnicode_GET_LENGTH(a) != PyUnicode_GET_LENGTH(b))
                continue;
            Py_hash_t ha = PyObject_Hash(a), hb = PyObject_Hash(b);
            if (ha == -1 || hb == -1)
                goto fail;
            if (ha != hb)
                continue;
        }
        int eq = PyObject_RichCompareBool(a, b, Py_EQ);
        if (eq < 0 || (eq && append_int(out, i)))
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ---- word tables (wordtable.py) --------------------------------------------------- */

PyDoc_STRVAR(sorted_index_doc,
"sorted_index(buf, offsets, key) -> int\n\n"
"The rank of key (a str, compared by its UTF-8 bytes) among the sorted keys of a word\n"
"table, or -1: key i is buf[offsets[i]:offsets[i + 1] - 1], offsets a buffer of n + 1\n"
"native uint32 (format 'I').");

/* The UTF-8 bytes of the str argument *arg* (who(): name must be str), or NULL with an
 * exception set; a lone surrogate raises UnicodeEncodeError, as str.encode() does. */
static const char *utf8_arg(PyObject *arg, const char *who, const char *name, Py_ssize_t *len) {
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "%s(): %s must be str, not %.80s", who, name, Py_TYPE(arg)->tp_name);
        return NULL;
    }
    return PyUnicode_AsUTF8AndSize(arg, len);
}

/* Why: a lint run looks up each distinct word of its articles in the shipped tables
 * (lexicon, word classes, the romanized model: ~10,000 lookups in one --jobs worker's
 * share of the bench corpus), and in Python a lookup was a bisection of a sampled index
 * plus a find in one block, ~5 us with its slicing.  Here it is a bisection of all keys
 * with memcmp, and no object but the result. */
/* The rank of the key k (klen UTF-8 bytes) among the n sorted keys of a word table, or
 * -1; -2 with an exception set when the offsets do not describe the buffer. */
static Py_ssize_t table_find(const unsigned char *data, Py_ssize_t dlen, const uint32_t *off,
                             Py_ssize_t n, const char *k, size_t klen) {
    Py_ssize_t lo = 0, hi = n > 0 ? n : 0;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        uint32_t s = off[mid], e = off[mid + 1];
        if (e <= s || (Py_ssize_t)e > dlen) {
            PyErr_SetString(PyExc_ValueError, "word table: offsets out of order or past the buffer");
            return -2;
        }
        size_t len = (size_t)(e - 1 - s);
        int c = memcmp(data + s, k, len < klen ? len : klen);
        if (c == 0)
            c = (len > klen) - (len < klen);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n) {
        uint32_t s = off[lo], e = off[lo + 1];
        if (e > s && (Py_ssize_t)e <= dlen && (size_t)(e - 1 - s) == klen && memcmp(data + s, k, klen) == 0)
            return lo;
    }
    return -1;
}

/* A word table's keys and offsets (and values, when value_format is not NULL) as
 * buffers; 0, or -1 with an exception set (and nothing held). */
typedef struct {
    Py_buffer keys, off, vals;
    int has_vals;
    Py_ssize_t n;
} TableView;

static void table_release(TableView *t) {
    PyBuffer_Release(&t->keys);
    PyBuffer_Release(&t->off);
    if (t->has_vals)
        PyBuffer_Release(&t->vals);
}

static int table_view(TableView *t, PyObject *buf, PyObject *offsets, PyObject *values,
                      const char *value_format, const char *who) {
    t->has_vals = 0;
    if (PyObject_GetBuffer(buf, &t->keys, PyBUF_SIMPLE) < 0)
        return -1;
    if (PyObject_GetBuffer(offsets, &t->off, PyBUF_ND | PyBUF_FORMAT) < 0) {
        PyBuffer_Release(&t->keys);
        return -1;
    }
    if (t->off.ndim != 1 || t->off.itemsize != 4 || t->off.format == NULL || strcmp(t->off.format, "I") != 0
            || t->off.len % 4 || t->off.len < 4) {
        PyErr_Format(PyExc_TypeError, "%s(): offsets must be a non-empty buffer of format 'I'", who);
        goto fail;
    }
    t->n = t->off.len / 4 - 1;
    if (value_format != NULL) {
        if (PyObject_GetBuffer(values, &t->vals, PyBUF_ND | PyBUF_FORMAT) < 0)
            goto fail;
        t->has_vals = 1;
        if (t->vals.ndim != 1 || t->vals.format == NULL || strcmp(t->vals.format, value_format) != 0
                || t->vals.itemsize != 2 || t->vals.len != 2 * t->n) {
            PyErr_Format(PyExc_TypeError, "%s(): values must be a buffer of format '%s', one per key",
                         who, value_format);
            table_release(t);
            return -1;
        }
    }
    return 0;
fail:
    PyBuffer_Release(&t->keys);
    PyBuffer_Release(&t->off);
    return -1;
}

/* Why: a lint run looks up each distinct word of its articles in the shipped tables
 * (lexicon, word classes, the romanized model: ~10,000 lookups in one --jobs worker's
 * share of the bench corpus), and in Python a lookup was a bisection of a sampled index
 * plus a find in one block, ~5 us with its slicing.  Here it is a bisection of all keys
 * with memcmp, and no object but the result. */
static PyObject *sorted_index(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "sorted_index() takes 3 arguments (buf, offsets, key)");
        return NULL;
    }
    Py_ssize_t klen;
    const char *k = utf8_arg(args[2], "sorted_index", "key", &klen);
    if (k == NULL)
        return NULL;
    TableView t;
    if (table_view(&t, args[0], args[1], NULL, NULL, "sorted_index") < 0)
        return NULL;
    Py_ssize_t found = table_find((const unsigned char *)t.keys.buf, t.keys.len, (const uint32_t *)t.off.buf,
                                  t.n, k, (size_t)klen);
    table_release(&t);
    return found == -2 ? NULL : PyLong_FromSsize_t(found);
}

PyDoc_STRVAR(ngram_logprob_doc,
"ngram_logprob(lp, bow, floor, order, padded) -> int\n\n"
"The log-probability (scaled integers) of the str padded under a character n-gram\n"
"model of the given order: for each of its characters from the order-th on, the\n"
"value of the longest n-gram ending there (at most order characters) that the table\n"
"lp holds, plus the back-off weights (table bow, 0 when absent) of the longer contexts\n"
"that were not found; floor when not even the character is in lp.  lp and bow are\n"
"(buf, offsets, values) of word tables with int16 ('h') values.  The Python definition\n"
"is romanized._logprob_direct.");

/* Why: the romanized-Russian check (MT104) scores each word new to a process under two
 * such models, and in Python each of the word's ~12 windows was a walk of up to four
 * table lookups (a dict memo, then a bisection, per n-gram): ~30 us a word and ~15 ms of
 * a --jobs worker's share of the bench corpus.  Here the walk is one call per model. */
static PyObject *ngram_logprob(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5 || !PyTuple_Check(args[0]) || PyTuple_GET_SIZE(args[0]) != 3
            || !PyTuple_Check(args[1]) || PyTuple_GET_SIZE(args[1]) != 3) {
        PyErr_SetString(PyExc_TypeError,
                        "ngram_logprob() takes 5 arguments (lp, bow, floor, order, padded); "
                        "lp and bow are (buf, offsets, values) tuples");
        return NULL;
    }
    long floor_ = PyLong_AsLong(args[2]);
    if (floor_ == -1 && PyErr_Occurred())
        return NULL;
    Py_ssize_t order = PyLong_AsSsize_t(args[3]);
    if (order == -1 && PyErr_Occurred())
        return NULL;
    if (order < 1 || order > 16) {
        PyErr_SetString(PyExc_ValueError, "ngram_logprob(): order must be 1 to 16");
        return NULL;
    }
    PyObject *padded = args[4];
    Py_ssize_t blen;
    const char *bytes = utf8_arg(padded, "ngram_logprob", "padded", &blen);
    if (bytes == NULL)
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(padded);
    /* byte offset of each code point, and of the end */
    Py_ssize_t small[64];
    Py_ssize_t *at = n + 1 <= 64 ? small : PyMem_New(Py_ssize_t, n + 1);
    if (at == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0, b = 0; i <= n; i++) {
        at[i] = b;
        if (i < n) {
            unsigned char c = (unsigned char)bytes[b];
            b += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        }
    }
    TableView lp, bow;
    long long total = 0;
    int ok = 0;
    if (table_view(&lp, PyTuple_GET_ITEM(args[0], 0), PyTuple_GET_ITEM(args[0], 1), PyTuple_GET_ITEM(args[0], 2),
                   "h", "ngram_logprob") < 0)
        goto out;
    if (table_view(&bow, PyTuple_GET_ITEM(args[1], 0), PyTuple_GET_ITEM(args[1], 1), PyTuple_GET_ITEM(args[1], 2),
                   "h", "ngram_logprob") < 0) {
        table_release(&lp);
        goto out;
    }
    const unsigned char *ld = (const unsigned char *)lp.keys.buf, *bd = (const unsigned char *)bow.keys.buf;
    const uint32_t *lo_ = (const uint32_t *)lp.off.buf, *bo = (const uint32_t *)bow.off.buf;
    const int16_t *lv = (const int16_t *)lp.vals.buf, *bv = (const int16_t *)bow.vals.buf;
    ok = 1;
    for (Py_ssize_t i = order - 1; i < n && ok; i++) {
        Py_ssize_t k;
        for (k = order - 1; k >= 0; k--) {
            /* the n-gram padded[i - k : i + 1], and its context padded[i - k : i] */
            const char *g = bytes + at[i - k];
            Py_ssize_t r = table_find(ld, lp.keys.len, lo_, lp.n, g, (size_t)(at[i + 1] - at[i - k]));
            if (r == -2) { ok = 0; break; }
            if (r >= 0) {
                total += lv[r];
                break;
            }
            r = table_find(bd, bow.keys.len, bo, bow.n, g, (size_t)(at[i] - at[i - k]));
            if (r == -2) { ok = 0; break; }
            if (r >= 0)
                total += bv[r];
        }
        if (k < 0)
            total += floor_;
    }
    table_release(&bow);
    table_release(&lp);
out:
    if (at != small)
        PyMem_Free(at);
    return ok ? PyLong_FromLongLong(total) : NULL;
}

/* ------------------------------------------------------------------------------------
 * Which of many literal strings a text holds (checks/literals.py). */

PyDoc_STRVAR(literal_table_doc,
"literal_table(literals) -> capsule\n\n"
"A search table of literals (a sequence of str) for literals_in().");

PyDoc_STRVAR(literals_in_doc,
"literals_in(table, text) -> frozenset\n\n"
"The literals of table (literal_table()) that occur in text as substrings: the same\n"
"objects that were given, each once; the empty string occurs in every text.");

/* Why: the pattern rules' pre-checks ask, for every article, which of ~720 literal
 * strings it holds.  An Aho-Corasick DFA (ahocorasick_rs) answers in ~13 us an article
 * in a tight loop, but its tables (~0.4 MB) are out of the CPU cache again by the next
 * article of a run, where it cost ~55 us.  Here each position of the text is tested
 * against three bitmaps of 512 bytes (hashes of the literals of one code point, of the
 * literals of two, and of the first three of the longer ones), and only a hit looks up
 * the literals that begin with the position's first two code points and compares them:
 * ~22 us in a tight loop, ~30 us in a run (bench corpus).  With 64 KB bitmaps, fewer
 * false hits, it was ~20 and ~36 us. */

#define LIT_BITS 12                        /* bitmaps of 1 << LIT_BITS bits */
#define LIT_CAPSULE "mtcheck._textscan.literals"

typedef struct {
    Py_UCS4 c0, c1;
    Py_ssize_t first, count;               /* its literals: order[first .. first + count) */
} LitBucket;

typedef struct {
    PyObject *literals;                    /* tuple of str, owned */
    Py_ssize_t n;
    Py_UCS4 *chars;                        /* every literal's code points, one after another */
    Py_ssize_t *start, *len;               /* literal k is chars[start[k] .. start[k] + len[k]) */
    Py_ssize_t *order;                     /* literal numbers grouped by bucket */
    LitBucket *buckets;                    /* open addressing on the first two code points */
    Py_ssize_t mask;                       /* buckets has mask + 1 slots */
    Py_ssize_t *singles;                   /* literals of one code point */
    Py_ssize_t n_singles;
    uint8_t single_bits[(1 << LIT_BITS) / 8];   /* literals of one code point */
    uint8_t pair_bits[(1 << LIT_BITS) / 8];     /* of two */
    uint8_t triple_bits[(1 << LIT_BITS) / 8];   /* of three or more: their first three */
} LitTable;

static inline uint32_t lit_hash1(Py_UCS4 c0) { return (uint32_t)(c0 * 0x9E3779B1u) >> (32 - LIT_BITS); }
static inline uint32_t lit_hash2(Py_UCS4 c0, Py_UCS4 c1) {
    return (uint32_t)((c0 * 0x9E3779B1u) ^ (c1 * 0x85EBCA77u) ^ (c1 >> 7)) >> (32 - LIT_BITS);
}
static inline uint32_t lit_hash3(Py_UCS4 c0, Py_UCS4 c1, Py_UCS4 c2) {
    return (uint32_t)((c0 * 0x9E3779B1u) ^ (c1 * 0x85EBCA77u) ^ (c2 * 0xC2B2AE3Du) ^ (c2 >> 9)) >> (32 - LIT_BITS);
}
static inline int bit_test(const uint8_t *bits, uint32_t h) { return bits[h >> 3] & (1u << (h & 7)); }
static inline void bit_set(uint8_t *bits, uint32_t h) { bits[h >> 3] |= (uint8_t)(1u << (h & 7)); }

static void lit_free(LitTable *t) {
    if (t == NULL)
        return;
    Py_XDECREF(t->literals);
    PyMem_Free(t->chars);
    PyMem_Free(t->start);
    PyMem_Free(t->len);
    PyMem_Free(t->order);
    PyMem_Free(t->buckets);
    PyMem_Free(t->singles);
    PyMem_Free(t);
}

static void lit_capsule_free(PyObject *capsule) {
    lit_free((LitTable *)PyCapsule_GetPointer(capsule, LIT_CAPSULE));
}

/* the slot of (c0, c1) in t->buckets: its bucket, or the empty slot where it goes */
static inline Py_ssize_t lit_slot(const LitTable *t, Py_UCS4 c0, Py_UCS4 c1) {
    Py_ssize_t i = (Py_ssize_t)(lit_hash2(c0, c1) & (uint32_t)t->mask);
    while (t->buckets[i].count && (t->buckets[i].c0 != c0 || t->buckets[i].c1 != c1))
        i = (i + 1) & t->mask;
    return i;
}

static PyObject *literal_table(PyObject *self, PyObject *arg) {
    PyObject *tup = PySequence_Tuple(arg);
    if (tup == NULL)
        return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(tup), total = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *s = PyTuple_GET_ITEM(tup, k);
        if (!PyUnicode_Check(s)) {
            PyErr_Format(PyExc_TypeError, "literal_table(): literals must be str, not %.80s", Py_TYPE(s)->tp_name);
            Py_DECREF(tup);
            return NULL;
        }
        total += PyUnicode_GET_LENGTH(s);
    }
    LitTable *t = PyMem_Calloc(1, sizeof(LitTable));
    if (t == NULL) {
        Py_DECREF(tup);
        return PyErr_NoMemory();
    }
    t->literals = tup;
    t->n = n;
    Py_ssize_t slots = 8;
    while (slots < 2 * n)
        slots <<= 1;
    t->mask = slots - 1;
    t->chars = PyMem_Malloc((size_t)(total + 1) * sizeof(Py_UCS4));
    t->start = PyMem_Malloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    t->len = PyMem_Malloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    t->order = PyMem_Malloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    t->singles = PyMem_Malloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    t->buckets = PyMem_Calloc((size_t)slots, sizeof(LitBucket));
    /* code points; each literal's bucket and each bucket's size; then each bucket's
     * place in order, and the literal numbers put there (slot_of, fill: scratch) */
    Py_ssize_t *slot_of = PyMem_Malloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    Py_ssize_t *fill = PyMem_Calloc((size_t)slots, sizeof(Py_ssize_t));
    PyObject *capsule = NULL;
    if (!t->chars || !t->start || !t->len || !t->order || !t->singles || !t->buckets || !slot_of || !fill) {
        PyErr_NoMemory();
        goto fail;
    }
    Py_ssize_t at = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *s = PyTuple_GET_ITEM(tup, k);
        Py_ssize_t m = PyUnicode_GET_LENGTH(s);
        if (m && PyUnicode_AsUCS4(s, t->chars + at, total + 1 - at, 0) == NULL)
            goto fail;
        t->start[k] = at;
        t->len[k] = m;
        at += m;
        slot_of[k] = -1;
        if (m == 1) {
            t->singles[t->n_singles++] = k;
            bit_set(t->single_bits, lit_hash1(t->chars[t->start[k]]));
        } else {
            Py_UCS4 c0 = t->chars[t->start[k]], c1 = t->chars[t->start[k] + 1];
            Py_ssize_t i = lit_slot(t, c0, c1);
            t->buckets[i].c0 = c0;
            t->buckets[i].c1 = c1;
            t->buckets[i].count++;
            slot_of[k] = i;
            if (m == 2)
                bit_set(t->pair_bits, lit_hash2(c0, c1));
            else
                bit_set(t->triple_bits, lit_hash3(c0, c1, t->chars[t->start[k] + 2]));
        }
    }
    Py_ssize_t next = 0;
    for (Py_ssize_t i = 0; i <= t->mask; i++) {
        t->buckets[i].first = next;
        next += t->buckets[i].count;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t i = slot_of[k];
        if (i >= 0)
            t->order[t->buckets[i].first + fill[i]++] = k;
    }
    capsule = PyCapsule_New(t, LIT_CAPSULE, lit_capsule_free);
fail:
    PyMem_Free(slot_of);
    PyMem_Free(fill);
    if (capsule == NULL)
        lit_free(t);
    return capsule;
}

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/* Mark in found[] every literal of t that occurs in the text (data, kind, n).  At each
 * position the bitmaps of the first one, two and three code points tell, mostly, that no
 * literal begins there; otherwise the literals beginning with the position's first two
 * code points are compared (those not found yet). */
static ALWAYS_INLINE void lit_scan(const LitTable *t, const void *data, int kind, Py_ssize_t n, uint8_t *found) {
    const Py_UCS4 *chars = t->chars;
    Py_UCS4 c1 = n > 0 ? CH(0) : 0, c2 = n > 1 ? CH(1) : 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c0 = c1;
        c1 = c2;
        c2 = i + 2 < n ? CH(i + 2) : 0;
        if (t->n_singles && bit_test(t->single_bits, lit_hash1(c0))) {
            for (Py_ssize_t j = 0; j < t->n_singles; j++)
                if (chars[t->start[t->singles[j]]] == c0)
                    found[t->singles[j]] = 1;
        }
        if (i + 1 >= n)
            break;
        if (!bit_test(t->pair_bits, lit_hash2(c0, c1)) && !(i + 2 < n && bit_test(t->triple_bits, lit_hash3(c0, c1, c2))))
            continue;
        const LitBucket *b = &t->buckets[lit_slot(t, c0, c1)];   /* (an empty one on a false hit) */
        for (Py_ssize_t j = b->first; j < b->first + b->count; j++) {
            Py_ssize_t k = t->order[j], m = t->len[k];
            if (found[k] || m > n - i)
                continue;
            const Py_UCS4 *c = chars + t->start[k];
            Py_ssize_t q = 2;
            while (q < m && CH(i + q) == c[q])
                q++;
            if (q == m)
                found[k] = 1;
        }
    }
}

static PyObject *literals_in(PyObject *self, PyObject *args) {
    PyObject *capsule, *text;
    if (!PyArg_ParseTuple(args, "OU:literals_in", &capsule, &text))
        return NULL;
    LitTable *t = PyCapsule_GetPointer(capsule, LIT_CAPSULE);   /* raises on anything else */
    if (t == NULL)
        return NULL;
    uint8_t *found = PyMem_Calloc((size_t)(t->n + 1), 1);
    PyObject *out = PyList_New(0);
    if (found == NULL || out == NULL) {
        PyMem_Free(found);
        Py_XDECREF(out);
        return found == NULL ? PyErr_NoMemory() : NULL;
    }
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    switch (PyUnicode_KIND(text)) {   /* one loop per kind, each with its reads inlined */
    case PyUnicode_1BYTE_KIND: lit_scan(t, data, PyUnicode_1BYTE_KIND, n, found); break;
    case PyUnicode_2BYTE_KIND: lit_scan(t, data, PyUnicode_2BYTE_KIND, n, found); break;
    default: lit_scan(t, data, PyUnicode_4BYTE_KIND, n, found); break;
    }
    for (Py_ssize_t k = 0; k < t->n; k++) {
        if ((found[k] || t->len[k] == 0) && PyList_Append(out, PyTuple_GET_ITEM(t->literals, k)) < 0) {
            PyMem_Free(found);
            Py_DECREF(out);
            return NULL;
        }
    }
    PyMem_Free(found);
    PyObject *set = PyFrozenSet_New(out);
    Py_DECREF(out);
    return set;
}

static PyMethodDef methods[] = {
    {"tokens", tokens, METH_O, tokens_doc},
    {"sentence_bounds", sentence_bounds, METH_VARARGS, sentence_bounds_doc},
    {"initial_offsets", initial_offsets, METH_VARARGS, initial_offsets_doc},
    {"headline_lines", headline_lines, METH_VARARGS, headline_lines_doc},
    {"upper_initials", upper_initials, METH_O, upper_initials_doc},
    {"mixed_initials", mixed_initials, METH_VARARGS, mixed_initials_doc},
    {"indices_in", indices_in, METH_VARARGS, indices_in_doc},
    {"equal_at", equal_at, METH_VARARGS, equal_at_doc},
    {"sorted_index", (PyCFunction)(void (*)(void))sorted_index, METH_FASTCALL, sorted_index_doc},
    {"ngram_logprob", (PyCFunction)(void (*)(void))ngram_logprob, METH_FASTCALL, ngram_logprob_doc},
    {"literal_table", literal_table, METH_O, literal_table_doc},
    {"literals_in", literals_in, METH_VARARGS, literals_in_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "mtcheck._textscan",
    "C versions of mtcheck.textscan's functions (same results, ~5x faster).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__textscan(void) {
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddIntConstant(m, "API", TEXTSCAN_API) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
