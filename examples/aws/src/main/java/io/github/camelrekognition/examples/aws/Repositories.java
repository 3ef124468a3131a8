/*
 * Copyright the camel-rekognition-video authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.camelrekognition.examples.aws;

import javax.sql.DataSource;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.apache.commons.dbcp2.BasicDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the instances of the application share, on PostgreSQL (the tables of schema.sql, made once beforehand): the
 * videos already started, the jobs emitted, the claims of the jobs being emitted, and the jobs started and not yet
 * emitted (reconciliation and concurrentJobLimit read them). Bound by Camel Main
 * ({@code camel.main.configuration-classes}).
 */
public class Repositories implements CamelConfiguration {

    @PropertyInject("db.url")
    String url;
    @PropertyInject("db.user")
    String user;
    @PropertyInject("db.password")
    String password;

    @BindToRegistry
    public DataSource dataSource() {
        BasicDataSource dataSource = new BasicDataSource();
        dataSource.setUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setMaxTotal(20);
        return dataSource;
    }

    @BindToRegistry
    public JdbcMessageIdRepository startedVideos(DataSource dataSource) {
        return new JdbcMessageIdRepository(dataSource, "face-detection-uploads");
    }

    @BindToRegistry
    public JdbcMessageIdRepository done(DataSource dataSource) {
        return new JdbcMessageIdRepository(dataSource, "face-detection");
    }

    @BindToRegistry
    public JdbcOrphanLockAwareIdempotentRepository claims(CamelContext context, DataSource dataSource) {
        // repeatable read: at read committed, two instances that claim one job at the same moment can both get it
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        JdbcOrphanLockAwareIdempotentRepository claims = new JdbcOrphanLockAwareIdempotentRepository(
                dataSource, transactions, "face-detection-claims", context);
        // below the consumer's visibilityTimeout (30 s): the job of an instance that died comes back to a free claim
        claims.setLockMaxAgeMillis(10_000);
        claims.setLockKeepAliveIntervalMillis(2_000);
        return claims;
    }

    @BindToRegistry
    public JdbcAggregationRepository startedJobs(DataSource dataSource) {
        return new JdbcAggregationRepository(new DataSourceTransactionManager(dataSource), "started_jobs", dataSource);
    }
}
