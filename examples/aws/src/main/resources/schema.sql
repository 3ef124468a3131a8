--
-- Copyright the camel-rekognition-video authors.
--
-- Licensed under the Apache License, Version 2.0 (the "License");
-- you may not use this file except in compliance with the License.
-- You may obtain a copy of the License at
--
--     http://www.apache.org/licenses/LICENSE-2.0
--
-- Unless required by applicable law or agreed to in writing, software
-- distributed under the License is distributed on an "AS IS" BASIS,
-- WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
-- See the License for the specific language governing permissions and
-- limitations under the License.
--

-- The tables the instances share on PostgreSQL, made once before they start (the repositories would each try to
-- make a missing table, and instances starting together would race to). docs/guide-sqs-consumer.md shows this file.

-- the videos started, the jobs emitted and the claims of the jobs being emitted (camel-sql's idempotent repositories)
create table CAMEL_MESSAGEPROCESSED (
    processorName varchar(255),
    messageId varchar(100),
    createdAt timestamp,
    primary key (processorName, messageId)
);

-- the jobs started and not yet emitted (camel-sql's JdbcAggregationRepository "started_jobs")
create table started_jobs (id varchar(255) primary key, exchange bytea, version bigint);
create table started_jobs_completed (id varchar(255) primary key, exchange bytea, version bigint);
