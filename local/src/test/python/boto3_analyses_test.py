#!/usr/bin/env python3
#
# Copyright the camel-rekognition-video authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

"""Rekognition's Python client, boto3, drives every stored-video analysis of the local Rekognition Video.

The server's jar (local/target/rekognition-video-local.jar, built first) runs on ports of its own with the sample
video in its bucket; label, celebrity, moderation, face search and person tracking results are supplied beside
the video (<key>.<Analysis>.json, docs/local-server.md). Each of the eight analyses is started with a notification
channel, read page by page, and its completion notification read from the subscribed queue, as a user of the AWS CLI
or of boto3 would. Run: python3 local/src/test/python/boto3_analyses_test.py
"""

import json
import os
import socket
import subprocess
import sys
import time
import unittest

import boto3

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
JAR = os.path.join(ROOT, "local", "target", "rekognition-video-local.jar")
PORTS = {"rekognition": 9290, "sns": 9291, "s3": 9292, "sqs": 9293}
REGION = "us-east-1"
VIDEO = {"S3Object": {"Bucket": "videos", "Name": "sample.mp4"}}

# the results supplied for the analyses the server does not compute, each a Get response
SUPPLIED = {
    "LabelDetection": {"Labels": [{"Timestamp": t, "Label": {"Name": n, "Confidence": 90.0}}
                                  for t, n in [(0, "Door"), (400, "Person"), (800, "Hat")]]},
    "CelebrityRecognition": {"Celebrities": [{"Timestamp": 0, "Celebrity": {"Id": "1", "Name": "Someone",
                                                                             "Confidence": 99.0}}]},
    "ContentModeration": {"ModerationLabels": [{"Timestamp": 0, "ModerationLabel": {"Name": "Smoking",
                                                                                     "Confidence": 70.0}}]},
    "FaceSearch": {"Persons": [{"Timestamp": 0, "Person": {"Index": 0}, "FaceMatches": [
        {"Similarity": 99.0, "Face": {"FaceId": "11111111-1111-1111-1111-111111111111"}}]}]},
    "PersonTracking": {"Persons": [{"Timestamp": 0, "Person": {"Index": 0}},
                                   {"Timestamp": 200, "Person": {"Index": 1}}]},
}

# each analysis: the Start call's extra parameters, and the member of the Get response that lists the results
ANALYSES = {
    "FaceDetection": ({}, "Faces"),
    "SegmentDetection": ({"SegmentTypes": ["SHOT", "TECHNICAL_CUE"]}, "Segments"),
    "LabelDetection": ({"MinConfidence": 50}, "Labels"),
    "CelebrityRecognition": ({}, "Celebrities"),
    "ContentModeration": ({}, "ModerationLabels"),
    "FaceSearch": ({"CollectionId": "staff"}, "Persons"),
    "TextDetection": ({}, "TextDetections"),
    "PersonTracking": ({}, "Persons"),
}


def snake(name):
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def client(service):
    return boto3.client(service, region_name=REGION, aws_access_key_id="local", aws_secret_access_key="local",
                        endpoint_url="http://127.0.0.1:%d" % PORTS[service])


class Boto3AnalysesTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.log = open(os.path.join(ROOT, "local", "target", "boto3-local-server.log"), "w")
        cls.server = subprocess.Popen(
            ["java", "-jar", JAR, "--put-sample=videos/sample.mp4"]
            + ["--%s-port=%d" % (service, port) for service, port in PORTS.items()],
            stdout=cls.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", PORTS["rekognition"]), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline or cls.server.poll() is not None:
                    raise RuntimeError("the local server did not start: see local/target/boto3-local-server.log")
                time.sleep(0.5)
        cls.rekognition = client("rekognition")
        cls.s3 = client("s3")
        cls.sqs = client("sqs")
        sns = client("sns")
        deadline = time.time() + 60
        while not cls._sample_in_bucket(cls.s3):
            if time.time() > deadline:
                raise RuntimeError("the sample video was not put in the bucket")
            time.sleep(0.5)
        for analysis, document in SUPPLIED.items():
            cls.s3.put_object(Bucket="videos", Key="sample.mp4.%s.json" % analysis, Body=json.dumps(document))
        cls.rekognition.create_collection(CollectionId="staff")
        cls.topic = sns.create_topic(Name="AmazonRekognitionBoto3")["TopicArn"]
        cls.queue = cls.sqs.create_queue(QueueName="boto3-completions")["QueueUrl"]
        queue_arn = cls.sqs.get_queue_attributes(QueueUrl=cls.queue, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"]
        sns.subscribe(TopicArn=cls.topic, Protocol="sqs", Endpoint=queue_arn,
                      Attributes={"RawMessageDelivery": "true"})
        cls.notifications = {}

    @staticmethod
    def _sample_in_bucket(s3):
        if not any(b["Name"] == "videos" for b in s3.list_buckets().get("Buckets", [])):
            return False
        return any(o["Key"] == "sample.mp4" for o in s3.list_objects_v2(Bucket="videos").get("Contents", []))

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(30)
        cls.log.close()

    def notification(self, job_id):
        deadline = time.time() + 30
        while job_id not in self.notifications and time.time() < deadline:
            for message in self.sqs.receive_message(QueueUrl=self.queue, MaxNumberOfMessages=10,
                                                    WaitTimeSeconds=1).get("Messages", []):
                body = json.loads(message["Body"])
                self.notifications[body["JobId"]] = body
                self.sqs.delete_message(QueueUrl=self.queue, ReceiptHandle=message["ReceiptHandle"])
        return self.notifications.get(job_id)

    def test_every_analysis_starts_completes_pages_and_notifies(self):
        for analysis, (parameters, member) in ANALYSES.items():
            with self.subTest(analysis=analysis):
                start = getattr(self.rekognition, "start_" + snake(analysis))
                get = getattr(self.rekognition, "get_" + snake(analysis))
                job_id = start(Video=VIDEO, JobTag="boto3",
                               NotificationChannel={"SNSTopicArn": self.topic,
                                                    "RoleArn": "arn:aws:iam::000000000000:role/Boto3"},
                               **parameters)["JobId"]
                deadline = time.time() + 120
                answer = get(JobId=job_id, MaxResults=1)
                while answer["JobStatus"] == "IN_PROGRESS":
                    self.assertLess(time.time(), deadline, analysis + " still in progress")
                    time.sleep(0.5)
                    answer = get(JobId=job_id, MaxResults=1)
                self.assertEqual("SUCCEEDED", answer["JobStatus"], answer.get("StatusMessage"))
                self.assertEqual("boto3", answer["JobTag"])
                results = list(answer[member])
                pages = 1
                while "NextToken" in answer:
                    answer = get(JobId=job_id, MaxResults=1, NextToken=answer["NextToken"])
                    results += answer[member]
                    pages += 1
                if analysis == "TextDetection":
                    # computed: the sample video shows no text
                    self.assertEqual("3.0", answer["TextModelVersion"])
                    self.assertEqual([], results)
                else:
                    self.assertGreater(len(results), 0, analysis + " has results")
                    self.assertEqual(len(results), pages, analysis + ": one result per page of MaxResults=1")
                if analysis in SUPPLIED:
                    self.assertEqual(len(SUPPLIED[analysis][member]), len(results), analysis + ": every supplied result")
                notified = self.notification(job_id)
                self.assertIsNotNone(notified, analysis + ": its completion notification")
                self.assertEqual("SUCCEEDED", notified["Status"])
                self.assertEqual("Start" + analysis, notified["API"])
                print("%-21s %3d results, %3d pages, notified %s" % (analysis, len(results), pages, notified["Status"]))


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
