"""The DuckDB schema, as numbered migrations: a database knows its version and is moved forward.

Tables are named after the nouns of DESIGN.md. Spans are stored as (start, end, text) triples
of columns so every row can be checked against `articles.text`.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the nouns of the per-article analysis, the corpus-level tables and the error log.
    """
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        file VARCHAR NOT NULL,
        uri VARCHAR,
        title VARCHAR,
        outlet VARCHAR,
        outlet_evidence VARCHAR,
        republished_from VARCHAR,
        republished_evidence VARCHAR,
        published DATE,
        published_evidence VARCHAR,
        estimate_earliest DATE,
        estimate_latest DATE,
        estimate_reasoning VARCHAR,
        text VARCHAR NOT NULL,
        boilerplate VARCHAR[],
        ingested_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE attributions (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        sentence_start INTEGER, sentence_end INTEGER, sentence VARCHAR,
        content_start INTEGER, content_end INTEGER, content VARCHAR,
        kind VARCHAR,
        cue_start INTEGER, cue_end INTEGER, cue VARCHAR,
        source_text_start INTEGER, source_text_end INTEGER, source_text VARCHAR,
        source VARCHAR,
        source_type VARCHAR,
        source_role VARCHAR,
        recipient_or_medium VARCHAR,
        via VARCHAR[],
        hedges VARCHAR[],
        hedge_starts INTEGER[],
        polarity VARCHAR,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE claims (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        span_start INTEGER, span_end INTEGER, text VARCHAR,
        certainty VARCHAR,
        attribution INTEGER,
        hedges VARCHAR[],
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE quantities (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        sentence_start INTEGER, sentence_end INTEGER,
        span_start INTEGER, span_end INTEGER, text VARCHAR,
        value DOUBLE,
        approximate BOOLEAN,
        approximator VARCHAR,
        unit_or_object VARCHAR,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE events (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        type VARCHAR,
        trigger_start INTEGER, trigger_end INTEGER, trigger VARCHAR,
        sentence_start INTEGER, sentence_end INTEGER,
        agent VARCHAR, patient VARCHAR, place VARCHAR,
        time_text VARCHAR, time_date DATE, time_granularity VARCHAR,
        attributed_to VARCHAR,
        modality VARCHAR,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE entities (
        id VARCHAR PRIMARY KEY,
        canonical VARCHAR NOT NULL,
        type VARCHAR NOT NULL
    );
    CREATE TABLE mentions (
        article_id VARCHAR NOT NULL,
        entity_id VARCHAR NOT NULL,
        span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text VARCHAR,
        PRIMARY KEY (article_id, span_start, span_end, entity_id)
    );
    CREATE TABLE citations (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        cites VARCHAR,
        kind VARCHAR,
        evidence VARCHAR,
        evidence_start INTEGER, evidence_end INTEGER,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE stories (
        id VARCHAR PRIMARY KEY,
        first_article VARCHAR,
        first_date DATE,
        members VARCHAR[]
    );
    CREATE TABLE claim_clusters (
        id VARCHAR PRIMARY KEY,
        story_id VARCHAR,
        members JSON,
        origins JSON,
        independent_origins INTEGER,
        echoes INTEGER,
        mutations JSON,
        contradictions JSON
    );
    CREATE TABLE errors (
        item VARCHAR NOT NULL,
        stage VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        first_seen TIMESTAMP DEFAULT current_timestamp,
        PRIMARY KEY (item, stage, reason)
    );
    """,
    # 2: the link stage (corpus level): copies, citations with their markers, stories and
    # their members, claim clusters and their members, the LSH and story-key indexes, and
    # which articles have been linked (so `link` only does new work).
    """
    DROP TABLE citations;
    CREATE TABLE citations (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        cites VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        marker VARCHAR,
        medium VARCHAR,
        evidence VARCHAR,
        evidence_start INTEGER, evidence_end INTEGER,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE link_state (
        article_id VARCHAR PRIMARY KEY,
        story_id VARCHAR,
        linked_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE lsh_bands (band_key BIGINT NOT NULL, article_id VARCHAR NOT NULL, PRIMARY KEY (band_key, article_id));
    CREATE TABLE minhash (article_id VARCHAR PRIMARY KEY, signature BLOB NOT NULL, shingles INTEGER);
    CREATE TABLE copies (
        article_id VARCHAR PRIMARY KEY,
        original_id VARCHAR NOT NULL,
        similarity DOUBLE,
        evidence VARCHAR
    );
    CREATE TABLE key_df (key VARCHAR PRIMARY KEY, df INTEGER NOT NULL);
    CREATE TABLE story_keys (story_id VARCHAR NOT NULL, key VARCHAR NOT NULL, n INTEGER NOT NULL,
                             PRIMARY KEY (story_id, key));
    DROP TABLE stories;
    CREATE TABLE stories (
        id VARCHAR PRIMARY KEY,
        title VARCHAR,
        first_article VARCHAR,
        first_date DATE,
        undated VARCHAR[],
        origin VARCHAR,
        origin_evidence VARCHAR,
        members VARCHAR[],
        earliest DATE,
        latest DATE
    );
    CREATE TABLE story_members (article_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL, score DOUBLE);
    DROP TABLE claim_clusters;
    CREATE TABLE claim_clusters (
        id VARCHAR PRIMARY KEY,
        story_id VARCHAR,
        claim VARCHAR,
        origins JSON,
        independent_origins INTEGER,
        echoes INTEGER,
        denials INTEGER,
        mutations JSON,
        contradictions JSON,
        first_seen VARCHAR
    );
    CREATE TABLE cluster_members (
        article_id VARCHAR NOT NULL,
        unit INTEGER NOT NULL,
        cluster_id VARCHAR NOT NULL,
        story_id VARCHAR,
        sentence_start INTEGER, sentence_end INTEGER, sentence VARCHAR,
        score DOUBLE,
        chain JSON,
        PRIMARY KEY (article_id, unit)
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
