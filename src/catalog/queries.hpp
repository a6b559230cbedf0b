#pragma once
// The catalog queries of reflection: one whole query per object kind, each reading every object
// of that kind in the database at once. They run with search_path = public, so names in public
// print unqualified, as the model writes them. Objects that belong to an extension are left out.

#include <string>

namespace migrate::queries {

inline constexpr const char* schemas = R"(
SELECT n.nspname, obj_description(n.oid, 'pg_namespace')
FROM pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'public')
  AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
ORDER BY 1)";

inline constexpr const char* extensions = R"(
SELECT e.extname, n.nspname
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
ORDER BY 1)";

inline constexpr const char* enums = R"(
SELECT n.nspname, t.typname, e.enumlabel, obj_description(t.oid, 'pg_type')
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_enum e ON e.enumtypid = t.oid
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY 1, 2, e.enumsortorder)";

// Domains, one row per check (none: one row with NULLs), checks in name order. Defaults are
// printed by pg_get_expr rather than taken from typdefault, which keeps the search_path of the
// domain's creation.
inline constexpr const char* domains = R"(
SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod),
       CASE WHEN t.typcollation = b.typcollation THEN NULL
            WHEN cn.nspname IN ('pg_catalog', 'public') THEN quote_ident(co.collname)
            ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END,
       pg_get_expr(t.typdefaultbin, 0), t.typnotnull, obj_description(t.oid, 'pg_type'),
       con.conname, pg_get_constraintdef(con.oid), cd.description
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type b ON b.oid = t.typbasetype
LEFT JOIN pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_constraint con ON con.contypid = t.oid AND con.contype = 'c'
LEFT JOIN pg_description cd ON cd.objoid = con.oid AND cd.classoid = 'pg_constraint'::regclass
WHERE t.typtype = 'd'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY 1, 2, con.conname)";

// Composite types (CREATE TYPE ... AS), one row per attribute in order (none: one row with
// NULLs), with the comments of the type and of its attributes.
inline constexpr const char* composite_types = R"(
SELECT n.nspname, t.typname, obj_description(t.oid, 'pg_type'), a.attname,
       format_type(a.atttypid, a.atttypmod),
       CASE WHEN a.attcollation = at.typcollation THEN NULL
            WHEN cn.nspname IN ('pg_catalog', 'public') THEN quote_ident(co.collname)
            ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END,
       ds.description
FROM pg_type t
JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_type at ON at.oid = a.atttypid
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass
     AND ds.objsubid = a.attnum
WHERE t.typtype = 'c'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY 1, 2, a.attnum)";

// Standalone and owned (serial) sequences; identity sequences belong to their column.
inline constexpr const char* sequences = R"(
SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL),
       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
       owner_ns.nspname, owner.relname, a.attname, ds.description
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class owner ON owner.oid = d.refobjid
LEFT JOIN pg_namespace owner_ns ON owner_ns.oid = owner.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass
     AND ds.objsubid = 0
WHERE COALESCE(d.deptype, 'a') <> 'i'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY 1, 2)";

// With UNLOGGED, storage parameters (the TOAST table's prefixed "toast."), the index CLUSTER
// uses, partitioning (a partitioned table's key, a partition's parent and bounds) and a replica
// identity other than the default.
inline constexpr const char* tables = R"(
SELECT c.oid, n.nspname, c.relname, ds.description, c.relpersistence = 'u',
       CASE WHEN c.reloptions IS NOT NULL OR tc.reloptions IS NOT NULL THEN
         array_cat(c.reloptions, ARRAY(SELECT 'toast.' || o FROM unnest(tc.reloptions) o))::text
       END,
       (SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE i.indrelid = c.oid AND i.indisclustered),
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
       pn.nspname, p.relname, pg_get_expr(c.relpartbound, c.oid),
       CASE c.relreplident WHEN 'f' THEN 'full' WHEN 'n' THEN 'nothing'
         WHEN 'i' THEN 'using index ' || (SELECT ic.relname FROM pg_index i
                                          JOIN pg_class ic ON ic.oid = i.indexrelid
                                          WHERE i.indrelid = c.oid AND i.indisreplident) END
FROM pg_class c
LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass
     AND ds.objsubid = 0
LEFT JOIN pg_inherits pi ON c.relispartition AND pi.inhrelid = c.oid
LEFT JOIN pg_class p ON p.oid = pi.inhparent
LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 2, 3)";

// Identity options come from the column's internal sequence, in one field (type, start,
// increment, min, max, cache, cycle, space-separated), and so do the statistics target, storage
// and compression, where set ("s1000 te cp"): libpq keeps 16 bytes for every field of
// every row, NULL or not, and most columns have no sequence; it is looked up for identity columns
// only, and comments are joined rather than looked up with col_description() once per column.
inline constexpr const char* columns = R"(
SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
       a.attidentity,
       CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
       CASE WHEN a.attcollation = t.typcollation THEN NULL
            WHEN cn.nspname IN ('pg_catalog', 'public') THEN quote_ident(co.collname)
            ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END,
       ds.description,
       CASE WHEN a.attidentity <> '' THEN
         (SELECT concat_ws(' ', format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
                           s.seqmin, s.seqmax, s.seqcache, s.seqcycle)
          FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid
          WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
            AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.deptype = 'i') END,
       NULLIF(concat_ws(' ', CASE WHEN a.attstattarget >= 0 THEN 's' || a.attstattarget END,
                        CASE WHEN a.attstorage <> t.typstorage THEN 't' || a.attstorage::text END,
                        CASE WHEN a.attcompression <> '' THEN 'c' || a.attcompression::text END), '')
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p')
JOIN pg_namespace n ON n.oid = c.relnamespace
     AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
     AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass
     AND ds.objsubid = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
WHERE a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum)";

inline constexpr const char* constraints = R"(
SELECT con.conrelid, con.conname, con.contype,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
             ORDER BY k.ord)::text[],
       fn.nspname, f.relname,
       ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
             ORDER BY k.ord)::text[],
       con.confupdtype, con.confdeltype, con.confmatchtype, con.condeferrable, con.condeferred,
       CASE WHEN con.contype IN ('c', 'x') THEN pg_get_constraintdef(con.oid) END,
       COALESCE((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false), con.convalidated,
       ds.description
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid AND c.relkind IN ('r', 'p')
LEFT JOIN pg_class f ON f.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = f.relnamespace
LEFT JOIN pg_index i ON i.indexrelid = con.conindid AND con.contype IN ('p', 'u')
LEFT JOIN pg_description ds ON ds.objoid = con.oid AND ds.classoid = 'pg_constraint'::regclass
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conislocal
ORDER BY con.conrelid, con.conname)";

// Indexes of their own (of tables and materialized views): not those behind a primary key,
// unique or exclusion constraint, nor a partition's copies of its parent's. One row per key column;
// include columns come after the key columns (ord > indnkeyatts). Storage parameters and the
// comment are on the first row only.
inline constexpr const char* indexes = R"(
SELECT i.indrelid, ic.relname, i.indisunique, am.amname, i.indnkeyatts,
       pg_get_expr(i.indpred, i.indrelid),
       COALESCE((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false),
       k.ord, a.attname, pg_get_indexdef(i.indexrelid, k.ord::int, false),
       COALESCE(i.indoption[k.ord - 1], 0),
       CASE WHEN NOT opc.opcdefault THEN quote_ident(opc.opcname) END,
       CASE WHEN k.ord > i.indnkeyatts OR co.oid IS NULL THEN NULL
            WHEN a.attname IS NOT NULL AND co.oid = a.attcollation THEN NULL
            -- an expression's own collation is not in the catalog; the definition shows a
            -- COLLATE only where the key's differs from it
            WHEN a.attname IS NULL AND (co.oid = 100 OR position(' COLLATE ' || qc.name
                 IN pg_get_indexdef(i.indexrelid)) = 0) THEN NULL
            ELSE qc.name END,
       CASE WHEN k.ord = 1 THEN ic.reloptions END, CASE WHEN k.ord = 1 THEN ds.description END
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid AND c.relkind IN ('r', 'p', 'm')
JOIN pg_am am ON am.oid = ic.relam
LEFT JOIN pg_description ds ON ds.objoid = i.indexrelid AND ds.classoid = 'pg_class'::regclass
     AND ds.objsubid = 0
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
LEFT JOIN pg_opclass opc ON opc.oid = i.indclass[k.ord - 1] AND k.ord <= i.indnkeyatts
LEFT JOIN pg_collation co ON co.oid = i.indcollation[k.ord - 1]
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
CROSS JOIN LATERAL (SELECT CASE WHEN cn.nspname IN ('pg_catalog', 'public')
                                THEN quote_ident(co.collname)
                                ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                           END) qc(name)
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
                  AND con.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1 FROM pg_inherits ih WHERE ih.inhrelid = i.indexrelid)
ORDER BY i.indrelid, ic.relname, k.ord)";

// Views and materialized views, with their options (reloptions: check_option, security_barrier,
// security_invoker; a materialized view's storage parameters) and their columns' comments.
inline constexpr const char* views = R"(
SELECT c.oid, n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid), c.reloptions::text[],
       c.relispopulated, ds.description,
       (SELECT json_object_agg(a.attname, cd.description)
        FROM pg_attribute a
        JOIN pg_description cd ON cd.objoid = c.oid AND cd.classoid = 'pg_class'::regclass
             AND cd.objsubid = a.attnum
        WHERE a.attrelid = c.oid AND a.attnum > 0)::text
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass
     AND ds.objsubid = 0
WHERE c.relkind IN ('v', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 2, 3)";

// What each view's rule reads: relations (with the column, where one is named), types and
// functions (with their identity arguments).
inline constexpr const char* view_dependencies = R"(
SELECT DISTINCT r.ev_class, 'relation', rn.nspname, rc.relname, a.attname
FROM pg_rewrite r
JOIN pg_class v ON v.oid = r.ev_class AND v.relkind IN ('v', 'm')
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
     AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class
JOIN pg_class rc ON rc.oid = d.refobjid
JOIN pg_namespace rn ON rn.oid = rc.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
     AND d.refobjsubid > 0
UNION
SELECT r.ev_class, 'type', tn.nspname, t.typname, NULL
FROM pg_rewrite r
JOIN pg_class v ON v.oid = r.ev_class AND v.relkind IN ('v', 'm')
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
     AND d.refclassid = 'pg_type'::regclass
JOIN pg_type t ON t.oid = d.refobjid
JOIN pg_namespace tn ON tn.oid = t.typnamespace
WHERE tn.nspname NOT IN ('pg_catalog', 'information_schema')
UNION
SELECT r.ev_class, 'function', fn.nspname, f.proname, pg_get_function_identity_arguments(f.oid)
FROM pg_rewrite r
JOIN pg_class v ON v.oid = r.ev_class AND v.relkind IN ('v', 'm')
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
     AND d.refclassid = 'pg_proc'::regclass
JOIN pg_proc f ON f.oid = d.refobjid
JOIN pg_namespace fn ON fn.oid = f.pronamespace
WHERE fn.nspname NOT IN ('pg_catalog', 'information_schema'))";

// Functions and procedures (not aggregates, not window functions' C internals: what users
// create), with their definitions in the server's words and their comments.
inline constexpr const char* functions = R"(
SELECT p.oid, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind = 'p',
       pg_get_functiondef(p.oid), ds.description
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_description ds ON ds.objoid = p.oid AND ds.classoid = 'pg_proc'::regclass
     AND ds.objsubid = 0
WHERE p.prokind IN ('f', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  -- of an extension, or made with a type (a range type's constructors)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                  AND d.objid = p.oid AND d.deptype IN ('e', 'i'))
ORDER BY 2, 3, 4)";

// What functions (catalog pg_proc) or triggers (pg_trigger) use, by the user object's oid:
// types of the signature (a table's row type as the table), what a BEGIN ATOMIC body reads,
// the columns a trigger names. Columns: object, kind, schema_name, object_name, part.
inline std::string dependencies_of(const char* catalog) {
  return std::string(R"(
SELECT d.objid AS object,
       CASE WHEN d.refclassid = 'pg_proc'::regclass THEN 'function'
            WHEN d.refclassid = 'pg_class'::regclass OR t.typrelid <> 0 THEN 'relation'
            ELSE 'type' END AS kind,
       COALESCE(pn.nspname, rn.nspname, tn.nspname) AS schema_name,
       COALESCE(pr.proname, rc.relname, trc.relname, t.typname) AS object_name,
       CASE WHEN d.refclassid = 'pg_proc'::regclass THEN pg_get_function_identity_arguments(pr.oid)
            ELSE a.attname END AS part
FROM pg_depend d
LEFT JOIN pg_proc pr ON d.refclassid = 'pg_proc'::regclass AND pr.oid = d.refobjid
LEFT JOIN pg_namespace pn ON pn.oid = pr.pronamespace
LEFT JOIN pg_class rc ON d.refclassid = 'pg_class'::regclass AND rc.oid = d.refobjid
LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = rc.oid AND a.attnum = d.refobjsubid AND d.refobjsubid > 0
LEFT JOIN pg_type t ON d.refclassid = 'pg_type'::regclass AND t.oid = d.refobjid
LEFT JOIN pg_class trc ON trc.oid = t.typrelid
LEFT JOIN pg_namespace tn ON tn.oid = COALESCE(trc.relnamespace, t.typnamespace)
WHERE d.classid = ')") +
         catalog + R"('::regclass AND d.deptype = 'n'
  AND d.refclassid IN ('pg_proc'::regclass, 'pg_class'::regclass, 'pg_type'::regclass)
  AND COALESCE(pn.nspname, rn.nspname, tn.nspname) NOT IN ('pg_catalog', 'information_schema'))";
}

inline const std::string function_dependencies = dependencies_of("pg_proc");

// Triggers of their own (not those behind foreign keys, nor the copies partitions get of their
// parent's), in the server's words, with their state, comments and functions.
inline constexpr const char* triggers = R"(
SELECT t.oid, n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled,
       ds.description, fn.nspname, f.proname, pg_get_function_identity_arguments(f.oid)
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_proc f ON f.oid = t.tgfoid
JOIN pg_namespace fn ON fn.oid = f.pronamespace
LEFT JOIN pg_description ds ON ds.objoid = t.oid AND ds.classoid = 'pg_trigger'::regclass
WHERE NOT t.tgisinternal AND t.tgparentid = 0
ORDER BY 2, 3, 4)";

inline const std::string trigger_dependencies = dependencies_of("pg_trigger");

// Everything migrate does not manage yet, so reports can say what a comparison did not cover.
inline constexpr const char* unmanaged = R"(
SELECT kind, name FROM (
  SELECT 'foreign table' AS kind, n.nspname || '.' || c.relname AS name, c.oid,
         'pg_class'::regclass AS classid
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'f'
  UNION ALL
  SELECT CASE p.prokind WHEN 'a' THEN 'aggregate' ELSE 'window function' END,
         n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
         p.oid, 'pg_proc'::regclass
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE p.prokind IN ('a', 'w')
  UNION ALL
  SELECT 'trigger', n.nspname || '.' || c.relname || '.' || t.tgname, t.oid, 'pg_trigger'::regclass
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND c.relkind = 'f'
  UNION ALL
  SELECT 'policy', n.nspname || '.' || c.relname || '.' || p.polname, p.oid, 'pg_policy'::regclass
  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  UNION ALL
  SELECT 'range type', n.nspname || '.' || t.typname, t.oid, 'pg_type'::regclass
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE t.typtype = 'r'
  UNION ALL
  SELECT 'collation', n.nspname || '.' || co.collname, co.oid, 'pg_collation'::regclass
  FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace
  UNION ALL
  SELECT 'operator', n.nspname || '.' || o.oprname || ' ('
         || COALESCE(format_type(o.oprleft, NULL), 'NONE') || ', '
         || COALESCE(format_type(o.oprright, NULL), 'NONE') || ')', o.oid, 'pg_operator'::regclass
  FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
  UNION ALL
  SELECT 'operator class', n.nspname || '.' || oc.opcname, oc.oid, 'pg_opclass'::regclass
  FROM pg_opclass oc JOIN pg_namespace n ON n.oid = oc.opcnamespace
  UNION ALL
  SELECT 'operator family', n.nspname || '.' || f.opfname, f.oid, 'pg_opfamily'::regclass
  FROM pg_opfamily f JOIN pg_namespace n ON n.oid = f.opfnamespace
  UNION ALL
  SELECT 'text search configuration', n.nspname || '.' || c.cfgname, c.oid,
         'pg_ts_config'::regclass
  FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
  UNION ALL
  SELECT 'text search dictionary', n.nspname || '.' || d.dictname, d.oid, 'pg_ts_dict'::regclass
  FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
  UNION ALL
  SELECT 'conversion', n.nspname || '.' || c.conname, c.oid, 'pg_conversion'::regclass
  FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace
  UNION ALL
  SELECT 'statistics object', n.nspname || '.' || s.stxname, s.oid,
         'pg_statistic_ext'::regclass
  FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
  UNION ALL
  SELECT 'rule', n.nspname || '.' || c.relname || '.' || r.rulename, r.oid, 'pg_rewrite'::regclass
  FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE r.rulename <> '_RETURN'
) o
JOIN pg_namespace n ON n.nspname = split_part(o.name, '.', 1)
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = o.classid AND d.objid = o.oid AND d.deptype = 'e')
UNION ALL
-- Objects of the database outside schemas, made by users (oids from FirstNormalObjectId on).
SELECT kind, name FROM (
  SELECT 'cast' AS kind, format_type(c.castsource, NULL) || ' AS '
         || format_type(c.casttarget, NULL) AS name, c.oid, 'pg_cast'::regclass AS classid
  FROM pg_cast c WHERE c.oid >= 16384
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass
                    AND d.objid = c.oid AND d.deptype = 'i')
  UNION ALL
  SELECT 'event trigger', e.evtname, e.oid, 'pg_event_trigger'::regclass FROM pg_event_trigger e
  UNION ALL
  SELECT 'publication', p.pubname, p.oid, 'pg_publication'::regclass FROM pg_publication p
  UNION ALL
  SELECT 'foreign-data wrapper', w.fdwname, w.oid, 'pg_foreign_data_wrapper'::regclass
  FROM pg_foreign_data_wrapper w
  UNION ALL
  SELECT 'foreign server', s.srvname, s.oid, 'pg_foreign_server'::regclass
  FROM pg_foreign_server s
  UNION ALL
  SELECT 'language', l.lanname, l.oid, 'pg_language'::regclass
  FROM pg_language l WHERE l.oid >= 16384 AND l.lanname <> 'plpgsql'
) g
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = g.classid AND d.objid = g.oid AND d.deptype = 'e')
ORDER BY 1, 2)";

// Attributes of the objects migrate manages that it does not reproduce yet, each named so that
// reports say what a comparison left out instead of losing it silently.
inline constexpr const char* unmanaged_attributes = R"(
WITH user_class AS (
  SELECT c.*, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                    AND d.objid = c.oid AND d.deptype = 'e')
), user_table AS (
  SELECT * FROM user_class WHERE relkind IN ('r', 'p')
)
SELECT kind, name FROM (
  SELECT 'inheritance of table' AS kind, t.nspname || '.' || t.relname || ' (inherits '
         || i.inhparent::regclass::text || ')' AS name
  FROM user_table t JOIN pg_inherits i ON i.inhrelid = t.oid
  WHERE NOT t.relispartition
  UNION ALL
  SELECT 'row-level security of table', nspname || '.' || relname
  FROM user_table WHERE relrowsecurity OR relforcerowsecurity
  UNION ALL
  SELECT 'privileges on', nspname || '.' || relname || ' ' || relacl::text
  FROM user_class WHERE relacl IS NOT NULL AND relkind IN ('r', 'p', 'S', 'v', 'm')
  UNION ALL
  SELECT 'column privileges on', c.nspname || '.' || c.relname || '.' || a.attname || ' '
         || a.attacl::text
  FROM user_table c JOIN pg_attribute a ON a.attrelid = c.oid
  WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  -- of the indexes that are not the model's own: behind a constraint, or a partition's copy
  SELECT 'storage parameters of index', c.nspname || '.' || c.relname || ' '
         || array_to_string(c.reloptions, ', ')
  FROM user_class c WHERE c.relkind IN ('i', 'I') AND c.reloptions IS NOT NULL
    AND (EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = c.oid
                 AND con.contype IN ('p', 'u', 'x'))
         OR EXISTS (SELECT 1 FROM pg_inherits ih WHERE ih.inhrelid = c.oid))
  UNION ALL
  SELECT 'comment on index', c.nspname || '.' || c.relname
  FROM user_class c JOIN pg_description ds ON ds.objoid = c.oid
       AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
  WHERE c.relkind IN ('i', 'I')
    AND (EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = c.oid
                 AND con.contype IN ('p', 'u', 'x'))
         OR EXISTS (SELECT 1 FROM pg_inherits ih WHERE ih.inhrelid = c.oid))
  UNION ALL
  SELECT 'CLUSTER ON of materialized view', t.nspname || '.' || t.relname || ' (' || ic.relname
         || ')'
  FROM pg_index i JOIN user_class t ON t.oid = i.indrelid AND t.relkind = 'm'
  JOIN pg_class ic ON ic.oid = i.indexrelid
  WHERE i.indisclustered
  UNION ALL
  SELECT 'comment on schema', 'public'
  FROM pg_namespace n JOIN pg_description ds ON ds.objoid = n.oid
       AND ds.classoid = 'pg_namespace'::regclass
  WHERE n.nspname = 'public' AND ds.description <> 'standard public schema'
  UNION ALL
  SELECT 'comment on identity sequence', c.nspname || '.' || c.relname
  FROM user_class c JOIN pg_description ds ON ds.objoid = c.oid
       AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
  WHERE c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                    AND d.objid = c.oid AND d.deptype = 'i')
  UNION ALL
  SELECT 'comment on constraint', t.nspname || '.' || t.relname || '.' || con.conname
  FROM pg_constraint con JOIN user_table t ON t.oid = con.conrelid
  JOIN pg_description ds ON ds.objoid = con.oid AND ds.classoid = 'pg_constraint'::regclass
  WHERE NOT con.conislocal
  UNION ALL
  SELECT 'default privileges', COALESCE(n.nspname, 'every schema') || ' for role '
         || pg_get_userbyid(da.defaclrole) || ' ' || da.defaclacl::text
  FROM pg_default_acl da LEFT JOIN pg_namespace n ON n.oid = da.defaclnamespace
  UNION ALL
  SELECT 'privileges on function', n.nspname || '.' || p.proname || '('
         || pg_get_function_identity_arguments(p.oid) || ') ' || p.proacl::text
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE p.proacl IS NOT NULL AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                    AND d.objid = p.oid AND d.deptype = 'e')
  UNION ALL
  SELECT 'privileges on type', n.nspname || '.' || t.typname || ' ' || t.typacl::text
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE t.typacl IS NOT NULL AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                    AND d.objid = t.oid AND d.deptype = 'e')
  UNION ALL
  SELECT 'statistics target of column', c.nspname || '.' || c.relname || '.' || a.attname || ' '
         || a.attstattarget
  FROM user_class c JOIN pg_attribute a ON a.attrelid = c.oid
  WHERE (c.relkind IN ('m', 'i', 'I') OR (c.relkind IN ('r', 'p') AND c.relispartition))
    AND a.attnum > 0 AND NOT a.attisdropped AND a.attstattarget >= 0
  UNION ALL
  SELECT 'version of extension', e.extname || ' ' || e.extversion || ' (migrate creates '
         || a.default_version || ')'
  FROM pg_extension e JOIN pg_available_extensions a ON a.name = e.extname
  WHERE e.extversion IS DISTINCT FROM a.default_version
) o
ORDER BY 1, 2)";

}  // namespace migrate::queries
