package dev.tlsrpt.warehouse.query;

import dev.tlsrpt.warehouse.error.WarehouseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.CompoundPlanStatement;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Decides from Spark's parsed plan, not from the text, whether a statement only reads: {@code sql}
 * must leave the warehouse as it found it. Spark runs commands (writes, DDL, CACHE, SET) as soon as
 * {@code spark.sql} is called, so the check comes before it.
 */
final class ReadOnlyQuery {
  /**
   * Commands that only look: their plan is a command node, but running it reads metadata or
   * explains a plan without executing it.
   */
  private static final Set<String> READING_COMMANDS =
      Set.of(
          "ShowTables",
          "ShowTablesExtended",
          "ShowViews",
          "ShowColumns",
          "ShowFunctions",
          "ShowNamespaces",
          "ShowCatalogs",
          "ShowCreateTable",
          "ShowTableProperties",
          "ShowPartitions",
          "DescribeRelation",
          "DescribeColumn",
          "DescribeFunction",
          "DescribeNamespace",
          "DescribeQueryCommand",
          "ExplainCommand");

  private ReadOnlyQuery() {}

  /**
   * Throws {@link WarehouseException#sqlOnlyReads} unless {@code sql} is a query or a look; returns
   * the (lower-case, unqualified) names of the tables it reads.
   */
  static Set<String> check(SparkSession spark, String sql) {
    LogicalPlan plan;
    try {
      plan =
          ((org.apache.spark.sql.classic.SparkSession) spark)
              .sessionState()
              .sqlParser()
              .parsePlan(sql);
    } catch (ParseException e) {
      // not one statement (a syntax error, or a SQL script): never handed to spark.sql
      throw WarehouseException.sqlUnparsable(e);
    }
    Set<String> tables = new TreeSet<>();
    if (READING_COMMANDS.contains(plan.getClass().getSimpleName())) {
      return tables;
    }
    Deque<QueryPlan<?>> todo = new ArrayDeque<>();
    todo.push(plan);
    while (!todo.isEmpty()) {
      QueryPlan<?> node = todo.pop();
      if (writes(node)) {
        throw WarehouseException.sqlOnlyReads(plan.nodeName());
      }
      if (node instanceof UnresolvedRelation relation) {
        List<String> parts = CollectionConverters.asJava(relation.multipartIdentifier());
        tables.add(parts.get(parts.size() - 1).toLowerCase(Locale.ROOT));
      }
      CollectionConverters.asJava(node.children()).forEach(c -> todo.push((QueryPlan<?>) c));
      CollectionConverters.asJava(node.innerChildren()).forEach(todo::push);
    }
    return tables;
  }

  /** A node that changes state when run: commands, INSERTs and SQL scripts. */
  private static boolean writes(QueryPlan<?> node) {
    return node instanceof Command
        || node instanceof ParsedStatement
        || node instanceof InsertIntoDir
        || node instanceof CompoundPlanStatement;
  }
}
