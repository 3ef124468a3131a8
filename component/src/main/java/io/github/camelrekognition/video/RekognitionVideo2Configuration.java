package io.github.camelrekognition.video;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.aws.common.AwsCommonConfiguration;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import software.amazon.awssdk.core.Protocol;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

@UriParams
public class RekognitionVideo2Configuration implements Cloneable, AwsCommonConfiguration {

    @UriPath(description = "Logical name")
    @Metadata(required = true)
    private String label;

    @UriParam(label = "common")
    @Metadata(autowired = true)
    private RekognitionClient rekognitionClient;

    @UriParam(label = "producer", defaultValue = "startFaceDetection")
    private RekognitionVideo2Operations operation = RekognitionVideo2Operations.startFaceDetection;
    @UriParam(label = "producer")
    private boolean pojoRequest;
    @UriParam(label = "producer")
    private String bucketName;
    @UriParam(label = "producer")
    private String snsTopicArn;
    @UriParam(label = "producer")
    private String roleArn;
    @UriParam(label = "producer", enums = "DEFAULT,ALL")
    private String faceAttributes;
    @UriParam(label = "common")
    private String jobTag;
    @UriParam(label = "producer", defaultValue = "true")
    private boolean deriveClientRequestToken = true;

    @UriParam(label = "common")
    private String region;
    @UriParam(label = "common")
    private boolean overrideEndpoint;
    @UriParam(label = "common")
    private String uriEndpointOverride;

    @UriParam(label = "security", secret = true)
    private String accessKey;
    @UriParam(label = "security", secret = true)
    private String secretKey;
    @UriParam(label = "security", secret = true)
    private String sessionToken;
    @UriParam(label = "security")
    private boolean useDefaultCredentialsProvider;
    @UriParam(label = "security")
    private boolean useProfileCredentialsProvider;
    @UriParam(label = "security")
    private String profileCredentialsName;
    @UriParam(label = "security")
    private boolean useSessionCredentials;
    @UriParam(label = "security")
    private boolean trustAllCertificates;

    @UriParam(label = "proxy", enums = "HTTP,HTTPS", defaultValue = "HTTPS")
    private Protocol proxyProtocol = Protocol.HTTPS;
    @UriParam(label = "proxy")
    private String proxyHost;
    @UriParam(label = "proxy")
    private Integer proxyPort;

    public String getLabel() {
        return label;
    }

    /**
     * Logical name of the endpoint
     */
    public void setLabel(String label) {
        this.label = label;
    }

    public RekognitionClient getRekognitionClient() {
        return rekognitionClient;
    }

    /**
     * To use an existing configured RekognitionClient, as is
     */
    public void setRekognitionClient(RekognitionClient rekognitionClient) {
        this.rekognitionClient = rekognitionClient;
    }

    public RekognitionVideo2Operations getOperation() {
        return operation;
    }

    /**
     * The operation to perform
     */
    public void setOperation(RekognitionVideo2Operations operation) {
        this.operation = operation;
    }

    public boolean isPojoRequest() {
        return pojoRequest;
    }

    /**
     * If the message body is the SDK request (StartFaceDetectionRequest or GetFaceDetectionRequest) to send as is
     */
    public void setPojoRequest(boolean pojoRequest) {
        this.pojoRequest = pojoRequest;
    }

    public String getBucketName() {
        return bucketName;
    }

    /**
     * The S3 bucket of the video, when no message header gives one
     */
    public void setBucketName(String bucketName) {
        this.bucketName = bucketName;
    }

    public String getSnsTopicArn() {
        return snsTopicArn;
    }

    /**
     * The ARN of the SNS topic that Rekognition notifies when a job completes, when no message header gives one.
     * Goes together with roleArn.
     */
    public void setSnsTopicArn(String snsTopicArn) {
        this.snsTopicArn = snsTopicArn;
    }

    public String getRoleArn() {
        return roleArn;
    }

    /**
     * The ARN of the IAM role that lets Rekognition publish to the SNS topic, when no message header gives one. Goes
     * together with snsTopicArn.
     */
    public void setRoleArn(String roleArn) {
        this.roleArn = roleArn;
    }

    public String getFaceAttributes() {
        return faceAttributes;
    }

    /**
     * The face attributes to return (DEFAULT or ALL), when no message header gives them. Rekognition's default is
     * DEFAULT.
     */
    public void setFaceAttributes(String faceAttributes) {
        this.faceAttributes = faceAttributes;
    }

    public String getJobTag() {
        return jobTag;
    }

    /**
     * The job tag sent with StartFaceDetection, when no message header gives one; it comes back in the completion
     * notification.
     */
    public void setJobTag(String jobTag) {
        this.jobTag = jobTag;
    }

    public boolean isDeriveClientRequestToken() {
        return deriveClientRequestToken;
    }

    /**
     * When no ClientRequestToken header is given, derive one from the operation and every request field, so that a
     * redelivered message never starts a second job while a request with other settings does. Set to false to send no
     * token.
     */
    public void setDeriveClientRequestToken(boolean deriveClientRequestToken) {
        this.deriveClientRequestToken = deriveClientRequestToken;
    }

    @Override
    public String getRegion() {
        return region;
    }

    /**
     * The region in which the Rekognition client needs to work, as its lowercase name (for example us-east-1)
     */
    public void setRegion(String region) {
        this.region = region;
    }

    @Override
    public boolean isOverrideEndpoint() {
        return overrideEndpoint;
    }

    /**
     * Set the need for overriding the endpoint. This option needs to be used in combination with the
     * uriEndpointOverride option
     */
    public void setOverrideEndpoint(boolean overrideEndpoint) {
        this.overrideEndpoint = overrideEndpoint;
    }

    @Override
    public String getUriEndpointOverride() {
        return uriEndpointOverride;
    }

    /**
     * Set the overriding URI endpoint (for example the local Rekognition Video server). This option needs to be used
     * in combination with the overrideEndpoint option
     */
    public void setUriEndpointOverride(String uriEndpointOverride) {
        this.uriEndpointOverride = uriEndpointOverride;
    }

    @Override
    public String getAccessKey() {
        return accessKey;
    }

    /**
     * Amazon AWS Access Key
     */
    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    @Override
    public String getSecretKey() {
        return secretKey;
    }

    /**
     * Amazon AWS Secret Key
     */
    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    @Override
    public String getSessionToken() {
        return sessionToken;
    }

    /**
     * Amazon AWS Session Token used when the user needs to assume an IAM role
     */
    public void setSessionToken(String sessionToken) {
        this.sessionToken = sessionToken;
    }

    @Override
    public boolean isUseDefaultCredentialsProvider() {
        return useDefaultCredentialsProvider;
    }

    /**
     * Set whether the Rekognition client should load credentials through the default credentials provider chain
     */
    public void setUseDefaultCredentialsProvider(boolean useDefaultCredentialsProvider) {
        this.useDefaultCredentialsProvider = useDefaultCredentialsProvider;
    }

    @Override
    public boolean isUseProfileCredentialsProvider() {
        return useProfileCredentialsProvider;
    }

    /**
     * Set whether the Rekognition client should load credentials through a profile credentials provider
     */
    public void setUseProfileCredentialsProvider(boolean useProfileCredentialsProvider) {
        this.useProfileCredentialsProvider = useProfileCredentialsProvider;
    }

    @Override
    public String getProfileCredentialsName() {
        return profileCredentialsName;
    }

    /**
     * If using a profile credentials provider, this parameter sets the profile name
     */
    public void setProfileCredentialsName(String profileCredentialsName) {
        this.profileCredentialsName = profileCredentialsName;
    }

    @Override
    public boolean isUseSessionCredentials() {
        return useSessionCredentials;
    }

    /**
     * Set whether the Rekognition client should use session credentials (accessKey, secretKey and sessionToken), as
     * when the user assumes an IAM role
     */
    public void setUseSessionCredentials(boolean useSessionCredentials) {
        this.useSessionCredentials = useSessionCredentials;
    }

    @Override
    public boolean isTrustAllCertificates() {
        return trustAllCertificates;
    }

    /**
     * If we want to trust all certificates in case of overriding the endpoint
     */
    public void setTrustAllCertificates(boolean trustAllCertificates) {
        this.trustAllCertificates = trustAllCertificates;
    }

    @Override
    public Protocol getProxyProtocol() {
        return proxyProtocol;
    }

    /**
     * To define a proxy protocol when instantiating the Rekognition client
     */
    public void setProxyProtocol(Protocol proxyProtocol) {
        this.proxyProtocol = proxyProtocol;
    }

    @Override
    public String getProxyHost() {
        return proxyHost;
    }

    /**
     * To define a proxy host when instantiating the Rekognition client
     */
    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    @Override
    public Integer getProxyPort() {
        return proxyPort;
    }

    /**
     * To define a proxy port when instantiating the Rekognition client
     */
    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public RekognitionVideo2Configuration copy() {
        try {
            return (RekognitionVideo2Configuration) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
